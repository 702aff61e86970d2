package io.atelier.bridge.ws;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** Open, authenticated WebSockets per token, so one token cannot hold more than its share of connections. */
final class SocketRegistry {
    private final int maxPerToken;
    private final Map<String, Set<RpcSocket>> byToken = new ConcurrentHashMap<>();

    SocketRegistry(int maxPerToken) {
        this.maxPerToken = maxPerToken;
    }

    /** Registers the socket unless the token already holds the maximum; returns whether it was registered. */
    boolean tryAdd(String tokenId, RpcSocket socket) {
        boolean[] added = {false};
        byToken.compute(tokenId, (id, sockets) -> {
            Set<RpcSocket> current = sockets == null ? ConcurrentHashMap.newKeySet() : sockets;
            if (current.size() < maxPerToken) {
                added[0] = current.add(socket);
            }
            return current;
        });
        return added[0];
    }

    void remove(String tokenId, RpcSocket socket) {
        byToken.computeIfPresent(tokenId, (id, sockets) -> {
            sockets.remove(socket);
            return sockets.isEmpty() ? null : sockets;
        });
    }
}
