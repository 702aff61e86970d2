package io.atelier.bridge.rpc;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.atelier.protocol.ErrorData;
import io.atelier.protocol.RpcError;

/** Builds the JSON-RPC 2.0 envelopes the bridge writes itself: error responses and notifications. */
public final class JsonRpcMessages {
    private final ObjectMapper mapper;

    public JsonRpcMessages(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    /** An error response; {@code id} is null when the request's id could not be read. */
    public ObjectNode error(JsonNode id, AtelierException failure) {
        return error(id, failure.toRpcError());
    }

    public ObjectNode error(JsonNode id, RpcError error) {
        ObjectNode response = mapper.createObjectNode();
        response.put("jsonrpc", "2.0");
        response.set("id", id == null ? NullNode.getInstance() : id);
        response.set("error", mapper.valueToTree(error));
        return response;
    }

    /** A notification (no id) carrying a protocol record as params. */
    public ObjectNode notification(String method, Object params) {
        ObjectNode message = mapper.createObjectNode();
        message.put("jsonrpc", "2.0");
        message.put("method", method);
        message.set("params", mapper.valueToTree(params));
        return message;
    }

    /** Gives an error from jsonrpc4j itself (it sends none) a {@code data.reason}, so every error has one. */
    JsonNode withErrorData(JsonNode response) {
        if (response instanceof ObjectNode object && object.get("error") instanceof ObjectNode error
                && !error.hasNonNull("data")) {
            int code = error.path("code").asInt();
            error.put("message", ErrorMessages.messageFor(code));
            error.set("data", mapper.valueToTree(new ErrorData(ErrorMessages.defaultReasonFor(code), null)));
        }
        return response;
    }

    public byte[] toBytes(JsonNode node) {
        try {
            return mapper.writeValueAsBytes(node);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("a JSON tree always serialises", e);
        }
    }
}
