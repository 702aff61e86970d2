package io.atelier.bridge.rpc;

import io.atelier.brands.BrandScope;
import io.atelier.bridge.security.TokenScope;

/**
 * Who is making a call: the token's public id (never the token), what it may see, and where notifications for it go.
 *
 * @param tokenId public id of the token (a prefix of its hash), used for ownership and per-token limits
 * @param scope the brands the token may see and touch
 * @param sink the WebSocket the call came from; null over HTTP
 */
public record Caller(String tokenId, TokenScope scope, NotificationSink sink) {
    public Caller {
        if (tokenId == null || scope == null) {
            throw new IllegalArgumentException("tokenId and scope are required");
        }
    }

    /**
     * The scope the brand stores filter by: every brand for the admin token; otherwise the token's brands plus the
     * brand-less records this token made itself. The one place a token's grant becomes a store scope.
     */
    public BrandScope brandScope() {
        return scope.allBrands() ? BrandScope.admin() : BrandScope.of(scope.brands()).ownedBy(tokenId);
    }

    public Caller withSink(NotificationSink newSink) {
        return new Caller(tokenId, scope, newSink);
    }
}
