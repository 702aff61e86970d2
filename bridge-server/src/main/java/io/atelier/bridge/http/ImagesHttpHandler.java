package io.atelier.bridge.http;

import io.atelier.bridge.images.ImageStore;
import io.atelier.bridge.images.StoredImage;
import io.atelier.bridge.rpc.AtelierException;
import io.atelier.bridge.rpc.Caller;
import io.atelier.bridge.rpc.JsonRpcMessages;
import io.atelier.bridge.security.TokenGrant;
import io.atelier.bridge.security.TokenStore;
import java.nio.ByteBuffer;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * {@code GET /images/{id}.png} (or {@code .json}, {@code .pdf} for a job's documents): a stored image, for a valid token that may see it ({@link StoredImage#visibleTo}). An
 * image of another brand, or another token's brand-less image, answers 404 exactly like a missing one.
 */
final class ImagesHttpHandler extends Handler.Abstract {
    private static final Pattern PATH = Pattern.compile("/images/([0-9a-f]{32})\\.(png|json|pdf)");

    private final ImageStore images;
    private final TokenStore tokens;
    private final JsonRpcMessages messages;

    ImagesHttpHandler(ImageStore images, TokenStore tokens, JsonRpcMessages messages) {
        this.images = images;
        this.tokens = tokens;
        this.messages = messages;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        if (!HttpMethod.GET.is(request.getMethod())) {
            response.getHeaders().put(HttpHeader.ALLOW, "GET");
            HttpResponses.rpcError(messages, response, callback, 405, AtelierException.invalidRequest("Images are fetched with GET."));
            return true;
        }
        Optional<TokenGrant> grant = BearerTokens.authenticate(tokens, request);
        if (grant.isEmpty()) {
            response.getHeaders().put(HttpHeader.WWW_AUTHENTICATE, "Bearer");
            HttpResponses.rpcError(messages, response, callback, 401, AtelierException.unauthorized("A valid token is required."));
            return true;
        }
        Matcher matcher = PATH.matcher(Request.getPathInContext(request));
        Caller caller = new Caller(grant.get().tokenId(), grant.get().scope(), null);
        Optional<StoredImage> image = matcher.matches() ? images.find(matcher.group(1), caller) : Optional.empty();
        // A document is served under its own extension only: /images/{id}.png never answers a PDF.
        if (image.isEmpty() || !image.get().ref().url().endsWith("." + matcher.group(2))) {
            HttpResponses.rpcError(messages, response, callback, 404, AtelierException.notFound("No image with this id."));
            return true;
        }
        response.setStatus(200);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, image.get().ref().mime());
        response.getHeaders().put("X-Content-Type-Options", "nosniff");
        response.getHeaders().put(HttpHeader.CACHE_CONTROL, "private, max-age=31536000, immutable");
        response.write(true, ByteBuffer.wrap(image.get().png()), callback);
        return true;
    }
}
