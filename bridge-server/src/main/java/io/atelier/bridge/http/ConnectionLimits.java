package io.atelier.bridge.http;

import java.time.Duration;

/**
 * How long and how slowly a client may hold a connection, so that a slow or silent client costs a socket for a
 * bounded time and never a thread for long: what stops the slow-body and slowloris attacks.
 *
 * @param idleTimeout no byte either way for this long closes the connection (Jetty's idle timeout)
 * @param requestHeadTimeout from a connection's opening, or the end of its last response, to the end of the next
 *     request's head; a client that trickles its headers, or sits on an idle keep-alive connection, is closed after it
 * @param bodyGrace a request body may start slowly for this long...
 * @param minBodyBytesPerSecond ...and must then arrive at this average rate at least, else 408
 * @param maxBodiesPerToken request bodies one token may be sending at once over HTTP; beyond it, 429 ({@code -32006})
 */
public record ConnectionLimits(Duration idleTimeout, Duration requestHeadTimeout, Duration bodyGrace,
                               long minBodyBytesPerSecond, int maxBodiesPerToken) {
    /** A 32 MiB body at the minimum rate takes about two minutes; loopback sends it in well under a second. */
    public static final ConnectionLimits DEFAULTS = new ConnectionLimits(Duration.ofSeconds(30),
            Duration.ofSeconds(10), Duration.ofSeconds(2), 256 * 1024, 8);

    public ConnectionLimits {
        if (idleTimeout.isNegative() || idleTimeout.isZero() || requestHeadTimeout.isNegative()
                || requestHeadTimeout.isZero() || bodyGrace.isNegative() || minBodyBytesPerSecond < 1
                || maxBodiesPerToken < 1) {
            throw new IllegalArgumentException("connection limits must be positive");
        }
    }

    public ConnectionLimits withRequestHeadTimeout(Duration timeout) {
        return new ConnectionLimits(idleTimeout, timeout, bodyGrace, minBodyBytesPerSecond, maxBodiesPerToken);
    }
}
