package io.atelier.bridge;

import io.atelier.bridge.http.ConnectionLimits;
import io.atelier.bridge.jobs.JobLimits;
import io.atelier.bridge.rpc.RpcLimits;
import io.atelier.bridge.security.OriginPolicy;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;

/**
 * Everything a bridge is started with. {@link #defaults(Path)} is what {@code atelier serve} uses; tests change one
 * thing at a time with the {@code with…} methods.
 *
 * @param host address to bind; loopback unless asked otherwise
 * @param port port to bind; 0 picks a free one
 * @param home the bridge's folder: tokens, images
 * @param allowedOrigins web origins allowed to call (CORS)
 * @param extraHostNames names besides the loopback ones accepted in the Host header
 * @param rpcLimits message limits
 * @param jobLimits job queue limits
 * @param socketAuthTimeout how long a WebSocket may stay open without a valid {@code session.initialize}
 * @param maxSocketsPerToken open WebSockets one token may hold
 * @param pluginsDir folder served under {@code /plugins/}; null serves the copy built into the bridge
 * @param connectionLimits idle and request-head timeouts, the minimum body rate, bodies in flight per token
 */
public record BridgeConfig(
        String host,
        int port,
        Path home,
        Set<String> allowedOrigins,
        Set<String> extraHostNames,
        RpcLimits rpcLimits,
        JobLimits jobLimits,
        Duration socketAuthTimeout,
        int maxSocketsPerToken,
        Path pluginsDir,
        ConnectionLimits connectionLimits) {
    public static final String DEFAULT_HOST = "127.0.0.1";
    public static final int DEFAULT_PORT = 7437;

    public BridgeConfig {
        allowedOrigins = Set.copyOf(allowedOrigins);
        extraHostNames = Set.copyOf(extraHostNames);
    }

    public static BridgeConfig defaults(Path home) {
        return new BridgeConfig(DEFAULT_HOST, DEFAULT_PORT, home, OriginPolicy.DEFAULT_ALLOWED, Set.of(),
                RpcLimits.DEFAULTS, JobLimits.DEFAULTS, Duration.ofSeconds(5), 8, null,
                ConnectionLimits.DEFAULTS);
    }

    /** True when bound to a loopback address only, as it should be unless the user asked otherwise. */
    public boolean isLoopbackOnly() {
        return host.equals("127.0.0.1") || host.equals("localhost") || host.equals("::1") || host.equals("[::1]");
    }

    public BridgeConfig withHost(String newHost) {
        return new BridgeConfig(newHost, port, home, allowedOrigins, extraHostNames, rpcLimits, jobLimits,
                socketAuthTimeout, maxSocketsPerToken, pluginsDir, connectionLimits);
    }

    public BridgeConfig withPort(int newPort) {
        return new BridgeConfig(host, newPort, home, allowedOrigins, extraHostNames, rpcLimits, jobLimits,
                socketAuthTimeout, maxSocketsPerToken, pluginsDir, connectionLimits);
    }

    public BridgeConfig withAllowedOrigins(Set<String> origins) {
        return new BridgeConfig(host, port, home, origins, extraHostNames, rpcLimits, jobLimits,
                socketAuthTimeout, maxSocketsPerToken, pluginsDir, connectionLimits);
    }

    public BridgeConfig withExtraHostNames(Set<String> names) {
        return new BridgeConfig(host, port, home, allowedOrigins, names, rpcLimits, jobLimits,
                socketAuthTimeout, maxSocketsPerToken, pluginsDir, connectionLimits);
    }

    public BridgeConfig withRpcLimits(RpcLimits limits) {
        return new BridgeConfig(host, port, home, allowedOrigins, extraHostNames, limits, jobLimits,
                socketAuthTimeout, maxSocketsPerToken, pluginsDir, connectionLimits);
    }

    public BridgeConfig withJobLimits(JobLimits limits) {
        return new BridgeConfig(host, port, home, allowedOrigins, extraHostNames, rpcLimits, limits,
                socketAuthTimeout, maxSocketsPerToken, pluginsDir, connectionLimits);
    }

    public BridgeConfig withSocketAuthTimeout(Duration timeout) {
        return new BridgeConfig(host, port, home, allowedOrigins, extraHostNames, rpcLimits, jobLimits,
                timeout, maxSocketsPerToken, pluginsDir, connectionLimits);
    }

    public BridgeConfig withMaxSocketsPerToken(int max) {
        return new BridgeConfig(host, port, home, allowedOrigins, extraHostNames, rpcLimits, jobLimits,
                socketAuthTimeout, max, pluginsDir, connectionLimits);
    }

    public BridgeConfig withPluginsDir(Path dir) {
        return new BridgeConfig(host, port, home, allowedOrigins, extraHostNames, rpcLimits, jobLimits,
                socketAuthTimeout, maxSocketsPerToken, dir, connectionLimits);
    }

    public BridgeConfig withConnectionLimits(ConnectionLimits limits) {
        return new BridgeConfig(host, port, home, allowedOrigins, extraHostNames, rpcLimits, jobLimits,
                socketAuthTimeout, maxSocketsPerToken, pluginsDir, limits);
    }
}
