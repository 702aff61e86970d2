package io.atelier.bridge.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.atelier.bridge.rpc.AtelierException;
import io.atelier.bridge.rpc.Caller;
import io.atelier.bridge.rpc.RpcDispatcher;
import io.atelier.bridge.security.TokenGrant;
import io.atelier.bridge.security.TokenStore;
import java.io.InputStream;
import java.util.Locale;
import java.util.Optional;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * {@code POST /rpc}: the HTTP adapter over the {@link RpcDispatcher}. It refuses, before reading any body: other
 * methods (405), a missing or wrong token (401), a body that is not {@code application/json} (415, which also refuses
 * the {@code text/plain} "simple requests" a web page could send without a preflight) and a declared length over the
 * limit (413), and a body beyond the token's cap of bodies in flight (429, {@code -32006}). The body is then parsed as
 * it streams in, through a counter that stops at the limit and a pace that must not fall under the minimum rate (408).
 */
final class RpcHttpHandler extends Handler.Abstract {
    private final RpcDispatcher dispatcher;
    private final TokenStore tokens;
    private final long maxBodyBytes;
    private final ConnectionLimits connectionLimits;
    private final BodiesInFlight bodies;

    RpcHttpHandler(RpcDispatcher dispatcher, TokenStore tokens, long maxBodyBytes, ConnectionLimits connectionLimits) {
        this.dispatcher = dispatcher;
        this.tokens = tokens;
        this.maxBodyBytes = maxBodyBytes;
        this.connectionLimits = connectionLimits;
        this.bodies = new BodiesInFlight(connectionLimits.maxBodiesPerToken());
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        // Step 1: refusals that need no body.
        if (!HttpMethod.POST.is(request.getMethod())) {
            response.getHeaders().put(HttpHeader.ALLOW, "POST");
            refuse(response, callback, 405, AtelierException.invalidRequest("JSON-RPC is served over POST only."));
            return true;
        }
        Optional<TokenGrant> grant = BearerTokens.authenticate(tokens, request);
        if (grant.isEmpty()) {
            response.getHeaders().put(HttpHeader.WWW_AUTHENTICATE, "Bearer");
            refuse(response, callback, 401, AtelierException.unauthorized(
                    "A valid token is required: send Authorization: Bearer <token> (see <home>/token)."));
            return true;
        }
        if (!isJson(request.getHeaders().get(HttpHeader.CONTENT_TYPE))) {
            refuse(response, callback, 415, AtelierException.invalidRequest("Content-Type must be application/json."));
            return true;
        }
        long declared = request.getLength();
        if (declared > maxBodyBytes) {
            refuseTooLarge(response, callback);
            return true;
        }

        String tokenId = grant.get().tokenId();
        if (!bodies.tryStart(tokenId)) {
            response.getHeaders().put(HttpHeader.CONNECTION, "close");
            refuse(response, callback, 429, AtelierException.busy("This token is already sending "
                    + connectionLimits.maxBodiesPerToken() + " requests; wait for one to finish."));
            return true;
        }

        // Step 2: parse while reading, never past the limit nor under the minimum rate, and dispatch.
        Caller caller = new Caller(tokenId, grant.get().scope(), null);
        JsonNode answer;
        try (InputStream body = new LimitedInputStream(
                new PacedBodyStream(request, connectionLimits, () -> bodies.finish(tokenId)), maxBodyBytes)) {
            answer = dispatcher.dispatch(body, caller);
        } catch (BodyTooLargeException e) {
            refuseTooLarge(response, callback);
            return true;
        } catch (SlowBodyException e) {
            response.getHeaders().put(HttpHeader.CONNECTION, "close");
            refuse(response, callback, 408, AtelierException.invalidRequest("The request body arrived too slowly "
                    + "(under " + connectionLimits.minBodyBytesPerSecond() + " bytes/s); send it at once."));
            return true;
        }
        if (answer == null) {
            response.setStatus(204);
            callback.succeeded();
            return true;
        }
        HttpResponses.json(response, callback, 200, dispatcher.messages().toBytes(answer));
        return true;
    }

    private void refuseTooLarge(Response response, Callback callback) {
        // The rest of the body is never read; closing the connection is how HTTP/1.1 says "stop sending".
        response.getHeaders().put(HttpHeader.CONNECTION, "close");
        refuse(response, callback, 413, AtelierException.tooLarge(
                "The request body is larger than the bridge accepts (" + maxBodyBytes + " bytes)."));
    }

    private void refuse(Response response, Callback callback, int status, AtelierException failure) {
        HttpResponses.rpcError(dispatcher.messages(), response, callback, status, failure);
    }

    private static boolean isJson(String contentType) {
        if (contentType == null) {
            return false;
        }
        String mediaType = contentType.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
        return mediaType.equals("application/json");
    }
}
