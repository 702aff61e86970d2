package io.atelier.bridge.security;

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
        String host = hostHeader.toLowerCase(Locale.ROOT);
        String portSuffix = ":" + port.getAsInt();
        if (host.endsWith(portSuffix)) {
            return names.contains(host.substring(0, host.length() - portSuffix.length()));
        }
        // Only the default port may be omitted from the header.
        return port.getAsInt() == 80 && names.contains(host);
    }
}
