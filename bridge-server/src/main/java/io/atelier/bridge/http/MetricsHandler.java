package io.atelier.bridge.http;

import io.atelier.bridge.metrics.BridgeMetrics;
import io.atelier.bridge.security.TokenGrant;
import io.atelier.bridge.security.TokenStore;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * {@code GET /metrics}: Prometheus's text format, for the admin token only (queue depth names models and worker
 * hosts, which a brand's designer has no need to see). Scrape with {@code authorization.credentials} in Prometheus.
 */
final class MetricsHandler extends Handler.Abstract {
    private final BridgeMetrics metrics;
    private final TokenStore tokens;

    MetricsHandler(BridgeMetrics metrics, TokenStore tokens) {
        this.metrics = metrics;
        this.tokens = tokens;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        if (!HttpMethod.GET.is(request.getMethod())) {
            response.getHeaders().put("Allow", "GET");
            HttpResponses.json(response, callback, 405, bytes("{\"status\":\"method not allowed\"}"));
            return true;
        }
        Optional<TokenGrant> grant = BearerTokens.authenticate(tokens, request);
        if (grant.isEmpty()) {
            response.getHeaders().put(HttpHeader.WWW_AUTHENTICATE, "Bearer");
            HttpResponses.json(response, callback, 401, bytes("{\"status\":\"the admin token is needed\"}"));
            return true;
        }
        if (!grant.get().scope().allBrands()) {
            HttpResponses.json(response, callback, 403, bytes("{\"status\":\"the admin token is needed\"}"));
            return true;
        }
        // Reading the figures queries the database: off Jetty's selector, as a blocking handler.
        byte[] body = bytes(metrics.scrape());
        response.setStatus(200);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, metrics.contentType());
        response.write(true, java.nio.ByteBuffer.wrap(body), callback);
        return true;
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
