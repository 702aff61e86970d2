package io.atelier.bridge.http;

import java.util.concurrent.ConcurrentHashMap;

/**
 * Request bodies each token is sending right now over HTTP. Reading a body holds a server thread, so capping them per
 * token keeps one token (or one slow client) from taking every thread while the rest of the bridge waits.
 */
final class BodiesInFlight {
    private final int maxPerToken;
    private final ConcurrentHashMap<String, Integer> counts = new ConcurrentHashMap<>();

    BodiesInFlight(int maxPerToken) {
        this.maxPerToken = maxPerToken;
    }

    /** Counts one more body for {@code tokenId}; false (and nothing counted) when the token is at its cap. */
    boolean tryStart(String tokenId) {
        boolean[] started = {false};
        counts.compute(tokenId, (id, count) -> {
            int now = count == null ? 0 : count;
            if (now >= maxPerToken) {
                return count;
            }
            started[0] = true;
            return now + 1;
        });
        return started[0];
    }

    void finish(String tokenId) {
        counts.compute(tokenId, (id, count) -> count == null || count <= 1 ? null : count - 1);
    }
}
