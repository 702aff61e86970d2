package io.atelier.bridge.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.atelier.bridge.rpc.AtelierException;
import io.atelier.bridge.rpc.JsonRpcMessages;
import java.nio.ByteBuffer;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/** Writes the bridge's JSON answers on Jetty responses. */
final class HttpResponses {
    static final String JSON = "application/json";

    private HttpResponses() {
    }

    static void json(Response response, Callback callback, int status, byte[] body) {
        response.setStatus(status);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, JSON);
        response.getHeaders().put("X-Content-Type-Options", "nosniff");
        response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-store");
        response.write(true, ByteBuffer.wrap(body), callback);
    }

    /** A JSON-RPC error response (id null) with an HTTP status for transport-level refusals. */
    static void rpcError(JsonRpcMessages messages, Response response, Callback callback, int status,
                         AtelierException failure) {
        JsonNode body = messages.error(null, failure);
        json(response, callback, status, messages.toBytes(body));
    }
}
