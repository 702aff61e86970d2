package io.atelier.bridge.security;

/**
 * What a valid token grants.
 *
 * @param tokenId public id of the token (derived from its hash, safe to log and to compare)
 * @param scope the brands it may see
 */
public record TokenGrant(String tokenId, TokenScope scope) {
}
