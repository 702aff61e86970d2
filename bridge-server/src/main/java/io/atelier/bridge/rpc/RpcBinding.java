package io.atelier.bridge.rpc;

import io.atelier.protocol.service.RpcService;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * A service implementation bound to its {@link RpcService} interface; the interface's namespace plus each method's
 * name gives the wire name ({@code jobs} + {@code get} = {@code jobs.get}).
 *
 * <p>jsonrpc4j calls the protocol's methods with their params only, so the caller reaches a service through the
 * object it calls: {@link #perCaller} builds that object for each call with its {@link Caller} (a constructor
 * parameter or a view of a shared service), and a service that never asks who calls is shared ({@link #of}).
 *
 * @param serviceInterface an interface annotated with {@link RpcService}
 * @param implementationFor the object serving one caller's call
 * @param withheld verbs of the interface this bridge does not serve (yet): they answer method-not-found and are left
 *                 out of the capabilities, so clients never offer what would fail
 */
public record RpcBinding(Class<?> serviceInterface, Function<Caller, ?> implementationFor, Set<String> withheld) {
    public RpcBinding {
        withheld = Set.copyOf(withheld);
        RpcService service = serviceInterface.getAnnotation(RpcService.class);
        if (!serviceInterface.isInterface() || service == null) {
            throw new IllegalArgumentException(serviceInterface.getSimpleName() + " is not an @RpcService interface");
        }
        for (Method method : rpcMethods(serviceInterface)) {
            if (method.getParameterCount() != 1) {
                throw new IllegalArgumentException(serviceInterface.getSimpleName() + "." + method.getName()
                        + " must take exactly one params record");
            }
        }
    }

    /** A service shared by every call: it does not ask who calls. */
    public static <T> RpcBinding of(Class<T> serviceInterface, T implementation) {
        return perCaller(serviceInterface, caller -> implementation);
    }

    /** A service built for each call with its caller ({@code caller -> new JobsServiceImpl(jobs, caller)}). */
    public static <T> RpcBinding perCaller(Class<T> serviceInterface, Function<Caller, ? extends T> implementationFor) {
        return new RpcBinding(serviceInterface, implementationFor, Set.of());
    }

    /** The object that serves {@code caller}'s call. */
    Object implementation(Caller caller) {
        Object implementation = implementationFor.apply(caller);
        if (!serviceInterface.isInstance(implementation)) {
            throw new IllegalStateException("implementation does not implement " + serviceInterface.getSimpleName());
        }
        return implementation;
    }

    /** This binding without the given verbs (e.g. {@code "upscale"} while no upscaler is installed). */
    public RpcBinding withholding(String... verbs) {
        return new RpcBinding(serviceInterface, implementationFor, Set.of(verbs));
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
