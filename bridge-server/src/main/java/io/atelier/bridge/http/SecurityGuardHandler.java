package io.atelier.bridge.http;

import io.atelier.bridge.rpc.AtelierException;
import io.atelier.bridge.rpc.JsonRpcMessages;
import io.atelier.bridge.security.HostCheck;
import io.atelier.bridge.security.OriginPolicy;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * Runs before every endpoint but {@code /health}: the {@code Host} check (DNS rebinding), the {@code Origin}
 * allow-list, CORS headers for allow-listed origins only, and CORS preflights, including Chrome's Private Network
 * Access preflight that a public site such as Photopea needs before it may call a loopback address.
 */
final class SecurityGuardHandler extends Handler.Wrapper {
    private final HostCheck hostCheck;
    private final OriginPolicy originPolicy;
    private final JsonRpcMessages messages;

    SecurityGuardHandler(HostCheck hostCheck, OriginPolicy originPolicy, JsonRpcMessages messages, Handler next) {
        super(next);
        this.hostCheck = hostCheck;
        this.originPolicy = originPolicy;
        this.messages = messages;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        if ("/health".equals(Request.getPathInContext(request))) {
            return super.handle(request, response, callback);
        }
        // Step 1: the Host must name this bridge.
        HttpFields headers = request.getHeaders();
        if (!hostCheck.allows(headers.get(HttpHeader.HOST))) {
            HttpResponses.rpcError(messages, response, callback, 403,
                    AtelierException.forbidden("The Host header does not name this bridge."));
            return true;
        }
        // Step 2: a browser's Origin must be ours or allow-listed; only allow-listed ones get CORS headers. A browser
        // sends one Origin; several mean someone hopes we check only the first, so none is trusted.
        java.util.List<String> origins = headers.getValuesList(HttpHeader.ORIGIN);
        if (origins.size() > 1) {
            HttpResponses.rpcError(messages, response, callback, 403,
                    AtelierException.forbidden("A request carries one Origin header; this one carries several."));
            return true;
        }
        String origin = origins.isEmpty() ? null : origins.get(0);
        OriginPolicy.Decision decision = originPolicy.decide(origin);
        if (decision == OriginPolicy.Decision.REFUSED) {
            HttpResponses.rpcError(messages, response, callback, 403,
                    AtelierException.forbidden("This web origin may not call the bridge; see the bridge's allowed origins."));
            return true;
        }
        if (decision == OriginPolicy.Decision.ALLOWED_CROSS_ORIGIN) {
            response.getHeaders().put(HttpHeader.ACCESS_CONTROL_ALLOW_ORIGIN, origin);
            response.getHeaders().add(HttpHeader.VARY, "Origin");
        }
        // Step 3: preflights are answered here, without a token (browsers send none on a preflight).
        if (HttpMethod.OPTIONS.is(request.getMethod())) {
            if (decision == OriginPolicy.Decision.ALLOWED_CROSS_ORIGIN) {
                response.getHeaders().put(HttpHeader.ACCESS_CONTROL_ALLOW_METHODS, "GET, POST, OPTIONS");
                response.getHeaders().put(HttpHeader.ACCESS_CONTROL_ALLOW_HEADERS, "Authorization, Content-Type");
                response.getHeaders().put(HttpHeader.ACCESS_CONTROL_MAX_AGE, "600");
                if ("true".equalsIgnoreCase(headers.get("Access-Control-Request-Private-Network"))) {
                    response.getHeaders().put("Access-Control-Allow-Private-Network", "true");
                }
            }
            response.getHeaders().put(HttpHeader.ALLOW, "GET, POST, OPTIONS");
            response.setStatus(204);
            callback.succeeded();
            return true;
        }
        return super.handle(request, response, callback);
    }
}
