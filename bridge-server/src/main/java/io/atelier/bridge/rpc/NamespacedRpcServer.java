package io.atelier.bridge.rpc;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.googlecode.jsonrpc4j.JsonResponse;
import com.googlecode.jsonrpc4j.JsonRpcBasicServer;
import java.util.Map;

/**
 * jsonrpc4j's server with services chosen by namespace, as its {@code JsonRpcMultiServer} does, but without the
 * servlet layer that class brings in. Method resolution, parameter binding and invocation stay jsonrpc4j's. One is
 * made per call, for its caller: it only holds references (jsonrpc4j caches method lookups per class).
 */
final class NamespacedRpcServer extends JsonRpcBasicServer {
    private static final SafeErrorResolver ERRORS = new SafeErrorResolver();

    private final Map<String, RpcBinding> byNamespace;
    private final Caller caller;

    NamespacedRpcServer(ObjectMapper mapper, Map<String, RpcBinding> byNamespace, Caller caller) {
        super(mapper, (Object) null);
        this.byNamespace = byNamespace;
        this.caller = caller;
        setErrorResolver(ERRORS);
        // Its own logging of invocation errors would print params; SafeErrorResolver logs what is safe instead.
        setShouldLogInvocationErrors(false);
        setBackwardsCompatible(false);
    }

    JsonResponse handle(JsonNode request) throws JsonParseException, JsonMappingException {
        return handleJsonNodeRequest(request);
    }

    @Override
    protected Class<?>[] getHandlerInterfaces(String serviceName) {
        RpcBinding binding = byNamespace.get(serviceName);
        return binding == null ? new Class<?>[0] : new Class<?>[] {binding.serviceInterface()};
    }

    @Override
    protected String getServiceName(String methodName) {
        int dot = methodName.indexOf('.');
        return dot < 0 ? "" : methodName.substring(0, dot);
    }

    @Override
    protected String getMethodName(String methodName) {
        int dot = methodName.indexOf('.');
        return dot < 0 ? methodName : methodName.substring(dot + 1);
    }

    @Override
    protected Object getHandler(String serviceName) {
        return byNamespace.get(serviceName).implementation(caller);
    }
}
