package io.atelier.bridge.security;

import java.util.List;

/**
 * A token just created: the only moment its secret exists outside the client's hands.
 *
 * @param tokenId public id
 * @param secret the bearer token itself; printed once, stored nowhere on the bridge
 * @param brands the brands it is scoped to
 */
public record IssuedToken(String tokenId, String secret, List<String> brands) {
}
