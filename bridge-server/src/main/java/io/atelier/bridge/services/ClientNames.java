package io.atelier.bridge.services;

import io.atelier.bridge.rpc.Caller;
import java.util.Collections;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The client name and version each caller declared in {@code session.initialize}, for history records: per WebSocket
 * when the call came over one, else per token (HTTP has no session; the token's latest declaration stands).
 */
public final class ClientNames {
    private final Map<Object, String> bySocket = Collections.synchronizedMap(new WeakHashMap<>());
    private final Map<String, String> byToken = new ConcurrentHashMap<>();

    public void declare(Caller caller, String name, String version) {
        if (name == null || name.isBlank()) {
            return;
        }
        String label = version == null || version.isBlank() ? name : name + " " + version;
        label = label.length() > 120 ? label.substring(0, 120) : label;
        if (caller.sink() != null) {
            bySocket.put(caller.sink(), label);
        }
        byToken.put(caller.tokenId(), label);
    }

    /** What the caller declared, else {@code token <id>} (the token's public id, never its secret). */
    public String nameOf(Caller caller) {
        String label = caller.sink() != null ? bySocket.get(caller.sink()) : null;
        if (label == null) {
            label = byToken.get(caller.tokenId());
        }
        return label != null ? label : "token " + caller.tokenId();
    }
}
