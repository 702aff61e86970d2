package io.atelier.bridge.http;

import io.atelier.bridge.security.TokenGrant;
import io.atelier.bridge.security.TokenStore;
import java.util.Optional;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;

/** Reads {@code Authorization: Bearer <token>} and checks it; the token itself goes nowhere else. */
final class BearerTokens {
    private static final String PREFIX = "Bearer ";

    private BearerTokens() {
    }

    static Optional<TokenGrant> authenticate(TokenStore tokens, Request request) {
        String header = request.getHeaders().get(HttpHeader.AUTHORIZATION);
        if (header == null || header.length() <= PREFIX.length()
                || !header.regionMatches(true, 0, PREFIX, 0, PREFIX.length())) {
            return Optional.empty();
        }
        return tokens.authenticate(header.substring(PREFIX.length()).strip());
    }
}
