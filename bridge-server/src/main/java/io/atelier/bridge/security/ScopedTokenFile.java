package io.atelier.bridge.security;

import java.util.List;

/**
 * The content of {@code <home>/tokens.json}.
 *
 * @param tokens every scoped token, oldest first
 */
public record ScopedTokenFile(List<ScopedTokenEntry> tokens) {
    public ScopedTokenFile {
        tokens = tokens == null ? List.of() : List.copyOf(tokens);
    }
}
