package io.atelier.bridge.rpc;

import io.atelier.protocol.service.RpcService;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;

/**
 * A service implementation bound to its {@link RpcService} interface; the interface's namespace plus each method's
 * name gives the wire name ({@code jobs} + {@code get} = {@code jobs.get}).
 *
 * @param serviceInterface an interface annotated with {@link RpcService}
 * @param implementation the object serving it
 */
public record RpcBinding(Class<?> serviceInterface, Object implementation) {
    public RpcBinding {
        RpcService service = serviceInterface.getAnnotation(RpcService.class);
        if (!serviceInterface.isInterface() || service == null) {
            throw new IllegalArgumentException(serviceInterface.getSimpleName() + " is not an @RpcService interface");
        }
        if (!serviceInterface.isInstance(implementation)) {
            throw new IllegalArgumentException("implementation does not implement " + serviceInterface.getSimpleName());
        }
        for (Method method : rpcMethods(serviceInterface)) {
            if (method.getParameterCount() != 1) {
                throw new IllegalArgumentException(serviceInterface.getSimpleName() + "." + method.getName()
                        + " must take exactly one params record");
            }
        }
    }

    public static <T> RpcBinding of(Class<T> serviceInterface, T implementation) {
        return new RpcBinding(serviceInterface, implementation);
    }

    public String namespace() {
        return serviceInterface.getAnnotation(RpcService.class).value();
    }

    /** The wire names of this service's methods. */
    public List<String> methodNames() {
        List<String> names = new ArrayList<>();
        for (Method method : rpcMethods(serviceInterface)) {
            names.add(namespace() + "." + method.getName());
        }
        return names;
    }

    private static List<Method> rpcMethods(Class<?> serviceInterface) {
        List<Method> methods = new ArrayList<>();
        for (Method method : serviceInterface.getMethods()) {
            if (Modifier.isAbstract(method.getModifiers())) {
                methods.add(method);
            }
        }
        return methods;
    }
}
