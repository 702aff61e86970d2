package io.atelier.bridge.security;

import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.IntSupplier;

/**
 * Which web origins may call the bridge. Requests without an {@code Origin} header (native plugins, curl) pass;
 * the bridge's own origin passes; an allow-listed origin passes and gets CORS headers; anything else is refused.
 */
public final class OriginPolicy {
    /** Photopea's two origins: the only web app Atelier ships a panel for. */
    public static final Set<String> DEFAULT_ALLOWED = Set.of("https://www.photopea.com", "https://photopea.com");

    /** What to do with a request's {@code Origin}. */
    public enum Decision {
        /** No Origin header: not a browser cross-origin call. */
        NO_ORIGIN,
        /** The bridge's own origin: same-origin, no CORS headers needed. */
        SAME_ORIGIN,
        /** An allow-listed origin: answer with CORS headers naming it. */
        ALLOWED_CROSS_ORIGIN,
        /** Anything else: 403 and no CORS header. */
        REFUSED
    }

    private final Set<String> allowed;
    private final Set<String> ownNames;
    private final IntSupplier port;

    public OriginPolicy(Set<String> allowedOrigins, Set<String> ownNames, IntSupplier port) {
        Set<String> normalised = new TreeSet<>();
        for (String origin : allowedOrigins) {
            normalised.add(normalise(origin));
        }
        this.allowed = Set.copyOf(normalised);
        this.ownNames = Set.copyOf(ownNames);
        this.port = port;
    }

    public Set<String> allowedOrigins() {
        return allowed;
    }

    public Decision decide(String originHeader) {
        if (originHeader == null) {
            return Decision.NO_ORIGIN;
        }
        String origin = normalise(originHeader);
        for (String name : ownNames) {
            if (origin.equals("http://" + name + ":" + port.getAsInt())) {
                return Decision.SAME_ORIGIN;
            }
        }
        return allowed.contains(origin) ? Decision.ALLOWED_CROSS_ORIGIN : Decision.REFUSED;
    }

    /**
     * Why a value given as an allowed origin is not a web origin ({@code scheme://host[:port]}, nothing after), or
     * null when it is one. A path or a trailing wildcard would never match a browser's {@code Origin} header.
     */
    public static String problemWith(String origin) {
        java.net.URI uri;
        try {
            uri = new java.net.URI(normalise(origin));
        } catch (java.net.URISyntaxException e) {
            return "not a web address.";
        }
        if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme())) {
            return "an origin starts with http:// or https://.";
        }
        if (uri.getHost() == null || (uri.getRawPath() != null && !uri.getRawPath().isEmpty())
                || uri.getRawQuery() != null || uri.getRawFragment() != null || uri.getRawUserInfo() != null) {
            return "an origin is scheme://host[:port] and nothing more (no path).";
        }
        return null;
    }

    private static String normalise(String origin) {
        String lower = origin.strip().toLowerCase(Locale.ROOT);
        return lower.endsWith("/") ? lower.substring(0, lower.length() - 1) : lower;
    }
}
