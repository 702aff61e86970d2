package io.atelier.bridge.security;

import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.IntSupplier;

/**
 * Refuses requests whose {@code Host} header names anything but the bridge itself, so that a web page cannot reach
 * the bridge through a DNS name it controls and later points at 127.0.0.1 (DNS rebinding).
 */
public final class HostCheck {
    private static final Set<String> LOOPBACK_NAMES = Set.of("127.0.0.1", "localhost", "[::1]");

    private final Set<String> names;
    private final IntSupplier port;
    // Computed once the port is known (it is 0 until the server has started).
    private volatile Set<String> withPort;
    private volatile int acceptedPort = -1;

    /**
     * @param extraNames names besides the loopback ones (e.g. the explicit bind address, or configured names)
     * @param port the port actually bound (known only once the server has started)
     */
    public HostCheck(Set<String> extraNames, IntSupplier port) {
        Set<String> all = new TreeSet<>(LOOPBACK_NAMES);
        for (String name : extraNames) {
            all.add(name.toLowerCase(Locale.ROOT));
        }
        this.names = Set.copyOf(all);
        this.port = port;
    }

    /** The names this bridge answers to, without port. */
    public Set<String> names() {
        return names;
    }

    public boolean allows(String hostHeader) {
        if (hostHeader == null || hostHeader.isEmpty()) {
            return false;
        }
        int bound = port.getAsInt();
        Set<String> accepted = withPort;
        if (accepted == null || acceptedPort != bound) {
            accepted = acceptedHeaders(bound);
        }
        return accepted.contains(hostHeader.toLowerCase(Locale.ROOT));
    }

    /** Every Host header value accepted for this port; only the default port may be omitted. */
    private Set<String> acceptedHeaders(int bound) {
        Set<String> values = new HashSet<>();
        for (String name : names) {
            values.add(name + ":" + bound);
            if (bound == 80) {
                values.add(name);
            }
        }
        withPort = Set.copyOf(values);
        acceptedPort = bound;
        return withPort;
    }
}
