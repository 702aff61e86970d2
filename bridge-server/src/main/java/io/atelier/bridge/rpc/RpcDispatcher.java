package io.atelier.bridge.rpc;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.googlecode.jsonrpc4j.JsonResponse;
import io.atelier.protocol.ErrorCodes;
import java.io.IOException;
import java.io.InputStream;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * The transport-free heart of the bridge: JSON-RPC 2.0 in, JSON-RPC 2.0 out. HTTP and WebSocket adapters hand it
 * parsed or raw messages plus the {@link Caller}; tests drive it directly in memory.
 *
 * <p>It validates the envelope itself (jsonrpc4j is lenient), caps batches, rewrites the one params object into the
 * one-element positional array that jsonrpc4j binds to the method's params record, refuses strings over their
 * {@link TextLimits} before any service runs, and turns Jackson binding failures into {@code -32602} with
 * {@code data.field}. jsonrpc4j then finds the method by namespace, binds and invokes it.
 */
public final class RpcDispatcher {
    private static final Pattern PRINTABLE_METHOD = Pattern.compile("[A-Za-z0-9_.]{1,64}");

    private final ObjectMapper mapper;
    private final RpcLimits limits;
    private final Map<String, RpcBinding> byNamespace;
    private final JsonRpcMessages messages;
    private final Set<String> methodNames;
    private final List<String> sortedMethodNames;

    public RpcDispatcher(ObjectMapper mapper, RpcLimits limits, List<RpcBinding> bindings) {
        this.mapper = mapper;
        this.limits = limits;
        this.messages = new JsonRpcMessages(mapper);
        Map<String, RpcBinding> byNamespace = new HashMap<>();
        Set<String> names = new TreeSet<>();
        for (RpcBinding binding : bindings) {
            if (byNamespace.put(binding.namespace(), binding) != null) {
                throw new IllegalArgumentException("two services share the namespace " + binding.namespace());
            }
            names.addAll(binding.methodNames());
        }
        this.methodNames = Set.copyOf(names);
        this.sortedMethodNames = List.copyOf(names);
        this.byNamespace = Map.copyOf(byNamespace);
    }

    /** Every method served, sorted: what {@code session.initialize} reports as capabilities. */
    public List<String> methodNames() {
        return sortedMethodNames;
    }

    public ObjectMapper mapper() {
        return mapper;
    }

    public JsonRpcMessages messages() {
        return messages;
    }

    /**
     * Parses a message from {@code body} as it streams in and serves it. An {@link IOException} that is not a JSON
     * problem (the transport's body limit, a broken connection) propagates to the transport.
     *
     * @return the response to send, or null when there is none (notifications only)
     */
    public JsonNode dispatch(InputStream body, Caller caller) throws IOException {
        JsonNode request;
        try {
            request = mapper.readTree(body);
        } catch (StreamConstraintsException e) {
            return messages.error(null, constraintFailure(e));
        } catch (JsonProcessingException e) {
            return messages.error(null, new AtelierException(ErrorCodes.PARSE_ERROR, "The request is not valid JSON."));
        }
        return dispatch(request, caller);
    }

    /** Parses and serves one WebSocket text message or an in-memory string. */
    public JsonNode dispatch(String text, Caller caller) {
        try {
            return dispatch(parse(text), caller);
        } catch (AtelierException e) {
            return messages.error(null, e);
        }
    }

    /** Parses a message; refuses bad JSON with {@code -32700} and limit breaches with their own codes. */
    public JsonNode parse(String text) {
        try {
            JsonNode node = mapper.readTree(text);
            if (node == null || node.isMissingNode()) {
                throw new AtelierException(ErrorCodes.PARSE_ERROR, "The message is empty.");
            }
            return node;
        } catch (StreamConstraintsException e) {
            throw constraintFailure(e);
        } catch (JsonProcessingException e) {
            throw new AtelierException(ErrorCodes.PARSE_ERROR, "The request is not valid JSON.");
        }
    }

    /** Serves a parsed request or batch. */
    public JsonNode dispatch(JsonNode request, Caller caller) {
        if (request == null || request.isMissingNode()) {
            return messages.error(null, new AtelierException(ErrorCodes.PARSE_ERROR, "The request body is empty."));
        }
        if (!request.isArray()) {
            return serveOne(request, caller);
        }
        if (request.isEmpty()) {
            return messages.error(null, AtelierException.invalidRequest("An empty batch is not a request."));
        }
        if (request.size() > limits.maxBatch()) {
            return messages.error(null, AtelierException.tooLarge(
                    "A batch may hold at most " + limits.maxBatch() + " requests; this one holds " + request.size() + "."));
        }
        ArrayNode responses = mapper.createArrayNode();
        for (JsonNode item : request) {
            JsonNode response = serveOne(item, caller);
            if (response != null) {
                responses.add(response);
            }
        }
        return responses.isEmpty() ? null : responses;
    }

    private JsonNode serveOne(JsonNode item, Caller caller) {
        // Step 1: the envelope. Until the id is known to be valid, errors carry a null id.
        if (!(item instanceof ObjectNode request)) {
            return messages.error(null, AtelierException.invalidRequest("Each request must be a JSON object."));
        }
        JsonNode idNode = request.get("id");
        boolean notification = idNode == null;
        if (idNode != null && !(idNode.isTextual() || idNode.isNumber() || idNode.isNull())) {
            return messages.error(null, AtelierException.invalidRequest("id must be a string, a number or null."));
        }
        JsonNode id = idNode == null ? NullNode.getInstance() : idNode;
        if (!"2.0".equals(request.path("jsonrpc").textValue())) {
            return messages.error(id, AtelierException.invalidRequest("jsonrpc must be \"2.0\"."));
        }
        JsonNode methodNode = request.get("method");
        if (methodNode == null || !methodNode.isTextual()) {
            return messages.error(id, AtelierException.invalidRequest("method must be a string."));
        }
        String method = methodNode.textValue();
        if (!methodNames.contains(method)) {
            String reason = PRINTABLE_METHOD.matcher(method).matches()
                    ? "No method named '" + method + "'; rpc.discover lists them all."
                    : "No such method; rpc.discover lists them all.";
            return notification ? null : messages.error(id, new AtelierException(ErrorCodes.METHOD_NOT_FOUND, reason));
        }

        // Step 2: one params object, absent meaning {}. jsonrpc4j binds a one-element array to the single parameter.
        JsonNode params = request.get("params");
        JsonNode paramsObject;
        if (params == null || params.isNull()) {
            paramsObject = mapper.createObjectNode();
        } else if (params.isObject()) {
            paramsObject = params;
        } else if (params.isArray() && params.size() == 1 && params.get(0).isObject()) {
            paramsObject = params.get(0);
        } else {
            return notification ? null
                    : messages.error(id, AtelierException.invalidParams("params", "params must be one JSON object."));
        }
        try {
            TextLimits.check(paramsObject);
        } catch (AtelierException e) {
            return notification ? null : messages.error(id, e);
        }
        ObjectNode rewritten = mapper.createObjectNode();
        rewritten.put("jsonrpc", "2.0");
        if (!notification) {
            rewritten.set("id", id);
        }
        rewritten.put("method", method);
        rewritten.set("params", mapper.createArrayNode().add(paramsObject));

        // Step 3: jsonrpc4j invokes; binding failures come back as Jackson exceptions we turn into -32602.
        JsonResponse response;
        try {
            response = new NamespacedRpcServer(mapper, byNamespace, caller).handle(rewritten);
        } catch (JsonMappingException e) {
            return notification ? null : messages.error(id, invalidParams(e));
        } catch (JsonProcessingException e) {
            return notification ? null : messages.error(id, AtelierException.invalidParams("params", "params could not be read."));
        }
        if (notification || response.getResponse() == null) {
            return null;
        }
        return messages.withErrorData(response.getResponse());
    }

    private static AtelierException invalidParams(JsonMappingException e) {
        String field = fieldPath(e.getPath());
        String reason;
        if (e instanceof UnrecognizedPropertyException) {
            reason = "Unknown field " + field + ".";
        } else if (e instanceof InvalidFormatException) {
            reason = "The value of " + field + " is not in the expected format.";
        } else if (e instanceof MismatchedInputException) {
            reason = "The value of " + field + " has the wrong type.";
        } else if (e.getCause() instanceof AtelierException cause) {
            return cause;
        } else {
            reason = "The value of " + field + " is not accepted.";
        }
        return AtelierException.invalidParams(field, reason);
    }

    /** Jackson's path as {@code initImage.base64} or {@code palette[2]}; {@code params} when the whole object is wrong. */
    static String fieldPath(List<JsonMappingException.Reference> path) {
        StringBuilder out = new StringBuilder();
        for (JsonMappingException.Reference reference : path) {
            if (reference.getFieldName() != null) {
                if (!out.isEmpty()) {
                    out.append('.');
                }
                out.append(reference.getFieldName());
            } else if (reference.getIndex() >= 0) {
                out.append('[').append(reference.getIndex()).append(']');
            }
        }
        return out.isEmpty() ? "params" : out.toString();
    }

    private static AtelierException constraintFailure(StreamConstraintsException e) {
        String detail = String.valueOf(e.getOriginalMessage());
        if (detail.contains("nesting depth")) {
            return AtelierException.invalidRequest("The JSON is nested too deeply.");
        }
        if (detail.contains("String value length")) {
            return AtelierException.tooLarge("A string in the request is longer than the bridge accepts.");
        }
        if (detail.contains("Number value length")) {
            return AtelierException.invalidRequest("A number in the request has too many digits.");
        }
        return AtelierException.tooLarge("The request is larger than the bridge accepts.");
    }
}
