package io.atelier.client;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.atelier.protocol.Empty;
import io.atelier.protocol.ErrorCodes;

/** JSON-RPC 2.0 envelopes as this client writes and reads them; shared by HTTP and the WebSocket. */
final class JsonRpc {
    private JsonRpc() {
    }

    /**
     * The client's mapper. Unknown fields are ignored: the protocol adds fields freely, and an older client must
     * keep working against a newer bridge.
     */
    static ObjectMapper newMapper() {
        return new ObjectMapper().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    }

    static ObjectNode request(ObjectMapper mapper, long id, String method, Object params) {
        ObjectNode request = mapper.createObjectNode();
        request.put("jsonrpc", "2.0");
        request.put("id", id);
        request.put("method", method);
        request.set("params", mapper.valueToTree(params == null ? new Empty() : params));
        return request;
    }

    /** The {@code result} of a response, or its {@code error} thrown as an {@link AtelierRpcException}. */
    static JsonNode resultOrThrow(JsonNode response, int httpStatus) {
        JsonNode error = response.get("error");
        if (error != null && !error.isNull()) {
            throw toException(error, httpStatus);
        }
        if (!response.has("result")) {
            throw new AtelierRpcException(ErrorCodes.INTERNAL_ERROR, "Internal error",
                    "The bridge sent an answer that is neither a result nor an error.", null, httpStatus);
        }
        return response.get("result");
    }

    static AtelierRpcException toException(JsonNode error, int httpStatus) {
        JsonNode data = error.path("data");
        String message = error.path("message").asText(null);
        String reason = data.path("reason").asText(null);
        return new AtelierRpcException(error.path("code").asInt(ErrorCodes.INTERNAL_ERROR), message,
                reason != null ? reason : message, data.path("field").asText(null), httpStatus);
    }

    /** The Atelier code for an HTTP refusal that carries no JSON-RPC error body. */
    static int codeForHttpStatus(int status) {
        return switch (status) {
            case 401 -> ErrorCodes.UNAUTHORIZED;
            case 403 -> ErrorCodes.FORBIDDEN;
            case 404 -> ErrorCodes.NOT_FOUND;
            case 413 -> ErrorCodes.TOO_LARGE;
            case 429, 503 -> ErrorCodes.BUSY;
            case 400, 405, 415 -> ErrorCodes.INVALID_REQUEST;
            default -> ErrorCodes.INTERNAL_ERROR;
        };
    }
}
