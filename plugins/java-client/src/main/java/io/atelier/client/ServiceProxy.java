package io.atelier.client;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.atelier.protocol.Empty;
import io.atelier.protocol.service.RpcService;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;

/**
 * A dynamic proxy over a protocol {@code @RpcService} interface: calling {@code jobs.get(params)} on it sends
 * {@code jobs.get} with those params and converts the result to the method's return type.
 */
final class ServiceProxy implements InvocationHandler {
    private final String namespace;
    private final RpcTransport transport;
    private final ObjectMapper mapper;

    private ServiceProxy(String namespace, RpcTransport transport, ObjectMapper mapper) {
        this.namespace = namespace;
        this.transport = transport;
        this.mapper = mapper;
    }

    static <T> T create(Class<T> serviceInterface, RpcTransport transport, ObjectMapper mapper) {
        RpcService service = serviceInterface.getAnnotation(RpcService.class);
        if (!serviceInterface.isInterface() || service == null) {
            throw new IllegalArgumentException(serviceInterface.getName() + " is not an @RpcService interface");
        }
        Object proxy = Proxy.newProxyInstance(serviceInterface.getClassLoader(), new Class<?>[] {serviceInterface},
                new ServiceProxy(service.value(), transport, mapper));
        return serviceInterface.cast(proxy);
    }

    @Override
    public Object invoke(Object proxy, Method method, Object[] args) {
        if (method.getDeclaringClass() == Object.class) {
            return switch (method.getName()) {
                case "toString" -> "AtelierClient proxy for " + namespace + ".*";
                case "hashCode" -> System.identityHashCode(proxy);
                case "equals" -> proxy == args[0];
                default -> throw new UnsupportedOperationException(method.getName());
            };
        }
        Object params = args == null || args.length == 0 || args[0] == null ? new Empty() : args[0];
        JsonNode result = transport.call(namespace + "." + method.getName(), params);
        if (method.getReturnType() == void.class) {
            return null;
        }
        JavaType type = mapper.getTypeFactory().constructType(method.getGenericReturnType());
        try {
            return mapper.treeToValue(result, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("The bridge answered " + namespace + "." + method.getName()
                    + " with a result this client cannot read: " + e.getOriginalMessage(), e);
        }
    }
}
