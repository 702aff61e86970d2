package io.atelier.bridge.http;

import java.nio.charset.StandardCharsets;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/** {@code GET /health}: no auth, and nothing but {@code {"status":"ok"}}. */
final class HealthHandler extends Handler.Abstract.NonBlocking {
    private static final byte[] OK = "{\"status\":\"ok\"}".getBytes(StandardCharsets.UTF_8);

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        if (!HttpMethod.GET.is(request.getMethod()) && !HttpMethod.HEAD.is(request.getMethod())) {
            response.getHeaders().put("Allow", "GET");
            HttpResponses.json(response, callback, 405, "{\"status\":\"method not allowed\"}".getBytes(StandardCharsets.UTF_8));
            return true;
        }
        HttpResponses.json(response, callback, 200, OK);
        return true;
    }
}
