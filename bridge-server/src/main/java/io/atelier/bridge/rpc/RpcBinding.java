package io.atelier.bridge.rpc;

import io.atelier.protocol.service.RpcService;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * A service implementation bound to its {@link RpcService} interface; the interface's namespace plus each method's
 * name gives the wire name ({@code jobs} + {@code get} = {@code jobs.get}).
 *
 * @param serviceInterface an interface annotated with {@link RpcService}
 * @param implementation the object serving it
 * @param withheld verbs of the interface this bridge does not serve (yet): they answer method-not-found and are left
 *                 out of the capabilities, so clients never offer what would fail
 */
public record RpcBinding(Class<?> serviceInterface, Object implementation, Set<String> withheld) {
    public RpcBinding {
        withheld = Set.copyOf(withheld);
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
        return new RpcBinding(serviceInterface, implementation, Set.of());
    }

    /** This binding without the given verbs (e.g. {@code "upscale"} while no upscaler is installed). */
    public RpcBinding withholding(String... verbs) {
        return new RpcBinding(serviceInterface, implementation, Set.of(verbs));
    }

    public String namespace() {
        return serviceInterface.getAnnotation(RpcService.class).value();
    }

    /** The wire names of this service's methods. */
    public List<String> methodNames() {
        List<String> names = new ArrayList<>();
        for (Method method : rpcMethods(serviceInterface)) {
            if (!withheld.contains(method.getName())) {
                names.add(namespace() + "." + method.getName());
            }
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
