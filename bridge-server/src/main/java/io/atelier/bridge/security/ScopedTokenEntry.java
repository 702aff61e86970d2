package io.atelier.bridge.security;

import java.util.List;

/**
 * One scoped token as stored in {@code <home>/tokens.json}: its hash, never the token.
 *
 * @param id public id
 * @param sha256 hex SHA-256 of the token's UTF-8 bytes
 * @param brands brands it may see
 * @param createdAt ISO-8601 instant
 */
public record ScopedTokenEntry(String id, String sha256, List<String> brands, String createdAt) {
}
