package io.atelier.bridge;

import io.atelier.brands.store.DatabaseLocation;
import io.atelier.bridge.http.ConnectionLimits;
import io.atelier.bridge.http.TlsSettings;
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
 * @param home the bridge's folder: tokens, images, blobs (on a path every node reaches, in a team)
 * @param allowedOrigins web origins allowed to call (CORS)
 * @param extraHostNames names besides the loopback ones accepted in the Host header ({@code --allow-host})
 * @param rpcLimits message limits
 * @param jobLimits job queue limits
 * @param socketAuthTimeout how long a WebSocket may stay open without a valid {@code session.initialize}
 * @param maxSocketsPerToken open WebSockets one token may hold
 * @param pluginsDir folder served under {@code /plugins/}; null serves the copy built into the bridge
 * @param connectionLimits idle and request-head timeouts, the minimum body rate, bodies in flight per token
 * @param database the database; null: the SQLite file under {@code home}
 * @param role what this process does in a team (bridge, worker or both); {@link Role#ALL} alone
 * @param workerModels models a worker claims jobs for; empty: any
 * @param tls the bridge's certificate and key for HTTPS; null: plain HTTP
 * @param workerLease how long a worker's claim on a job lasts unrenewed: a dead worker's jobs wait this long
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
        ConnectionLimits connectionLimits,
        DatabaseLocation database,
        Role role,
        Set<String> workerModels,
        TlsSettings tls,
        Duration workerLease) {
    public static final String DEFAULT_HOST = "127.0.0.1";
    public static final int DEFAULT_PORT = 7437;
    public static final Duration DEFAULT_WORKER_LEASE = Duration.ofSeconds(15);

    /** What one process of a team deployment does; one machine alone runs {@link #ALL}. */
    public enum Role {
        /** HTTP and WebSocket for the designers' tools; queues jobs, runs none (no model loaded). */
        BRIDGE,
        /** Claims jobs from the shared queue and runs them; serves no designer. */
        WORKER,
        /** Both, in one process: the single-machine default. */
        ALL;

        public boolean serves() {
            return this != WORKER;
        }

        public boolean runsJobs() {
            return this != BRIDGE;
        }
    }

    public BridgeConfig {
        allowedOrigins = Set.copyOf(allowedOrigins);
        extraHostNames = Set.copyOf(extraHostNames);
        workerModels = Set.copyOf(workerModels);
        if (role == null) {
            role = Role.ALL;
        }
    }

    public static BridgeConfig defaults(Path home) {
        return new BridgeConfig(DEFAULT_HOST, DEFAULT_PORT, home, OriginPolicy.DEFAULT_ALLOWED, Set.of(),
                RpcLimits.DEFAULTS, JobLimits.DEFAULTS, Duration.ofSeconds(5), 8, null,
                ConnectionLimits.DEFAULTS, null, Role.ALL, Set.of(), null, DEFAULT_WORKER_LEASE);
    }

    /** True when bound to a loopback address only, as it should be unless the user asked otherwise. */
    public boolean isLoopbackOnly() {
        return host.equals("127.0.0.1") || host.equals("localhost") || host.equals("::1") || host.equals("[::1]");
    }

    /** The database this bridge keeps brands, history and jobs in. */
    public DatabaseLocation databaseLocation() {
        return database != null ? database : DatabaseLocation.sqlite(home);
    }

    /** True when jobs go through a queue other processes share (PostgreSQL), not this process's own. */
    public boolean sharesQueue() {
        return databaseLocation().vendor() == DatabaseLocation.Vendor.POSTGRESQL;
    }

    public BridgeConfig withHost(String newHost) {
        return new BridgeConfig(newHost, port, home, allowedOrigins, extraHostNames, rpcLimits, jobLimits,
                socketAuthTimeout, maxSocketsPerToken, pluginsDir, connectionLimits, database, role, workerModels,
                tls, workerLease);
    }

    public BridgeConfig withPort(int newPort) {
        return new BridgeConfig(host, newPort, home, allowedOrigins, extraHostNames, rpcLimits, jobLimits,
                socketAuthTimeout, maxSocketsPerToken, pluginsDir, connectionLimits, database, role, workerModels,
                tls, workerLease);
    }

    public BridgeConfig withAllowedOrigins(Set<String> origins) {
        return new BridgeConfig(host, port, home, origins, extraHostNames, rpcLimits, jobLimits, socketAuthTimeout,
                maxSocketsPerToken, pluginsDir, connectionLimits, database, role, workerModels, tls, workerLease);
    }

    public BridgeConfig withExtraHostNames(Set<String> names) {
        return new BridgeConfig(host, port, home, allowedOrigins, names, rpcLimits, jobLimits, socketAuthTimeout,
                maxSocketsPerToken, pluginsDir, connectionLimits, database, role, workerModels, tls, workerLease);
    }

    public BridgeConfig withRpcLimits(RpcLimits limits) {
        return new BridgeConfig(host, port, home, allowedOrigins, extraHostNames, limits, jobLimits,
                socketAuthTimeout, maxSocketsPerToken, pluginsDir, connectionLimits, database, role, workerModels,
                tls, workerLease);
    }

    public BridgeConfig withJobLimits(JobLimits limits) {
        return new BridgeConfig(host, port, home, allowedOrigins, extraHostNames, rpcLimits, limits,
                socketAuthTimeout, maxSocketsPerToken, pluginsDir, connectionLimits, database, role, workerModels,
                tls, workerLease);
    }

    public BridgeConfig withSocketAuthTimeout(Duration timeout) {
        return new BridgeConfig(host, port, home, allowedOrigins, extraHostNames, rpcLimits, jobLimits, timeout,
                maxSocketsPerToken, pluginsDir, connectionLimits, database, role, workerModels, tls, workerLease);
    }

    public BridgeConfig withMaxSocketsPerToken(int max) {
        return new BridgeConfig(host, port, home, allowedOrigins, extraHostNames, rpcLimits, jobLimits,
                socketAuthTimeout, max, pluginsDir, connectionLimits, database, role, workerModels, tls, workerLease);
    }

    public BridgeConfig withPluginsDir(Path dir) {
        return new BridgeConfig(host, port, home, allowedOrigins, extraHostNames, rpcLimits, jobLimits,
                socketAuthTimeout, maxSocketsPerToken, dir, connectionLimits, database, role, workerModels, tls,
                workerLease);
    }

    public BridgeConfig withConnectionLimits(ConnectionLimits limits) {
        return new BridgeConfig(host, port, home, allowedOrigins, extraHostNames, rpcLimits, jobLimits,
                socketAuthTimeout, maxSocketsPerToken, pluginsDir, limits, database, role, workerModels, tls,
                workerLease);
    }

    public BridgeConfig withDatabase(DatabaseLocation location) {
        return new BridgeConfig(host, port, home, allowedOrigins, extraHostNames, rpcLimits, jobLimits,
                socketAuthTimeout, maxSocketsPerToken, pluginsDir, connectionLimits, location, role, workerModels,
                tls, workerLease);
    }

    public BridgeConfig withRole(Role newRole) {
        return new BridgeConfig(host, port, home, allowedOrigins, extraHostNames, rpcLimits, jobLimits,
                socketAuthTimeout, maxSocketsPerToken, pluginsDir, connectionLimits, database, newRole,
                workerModels, tls, workerLease);
    }

    public BridgeConfig withWorkerModels(Set<String> models) {
        return new BridgeConfig(host, port, home, allowedOrigins, extraHostNames, rpcLimits, jobLimits,
                socketAuthTimeout, maxSocketsPerToken, pluginsDir, connectionLimits, database, role, models, tls,
                workerLease);
    }

    public BridgeConfig withTls(TlsSettings settings) {
        return new BridgeConfig(host, port, home, allowedOrigins, extraHostNames, rpcLimits, jobLimits,
                socketAuthTimeout, maxSocketsPerToken, pluginsDir, connectionLimits, database, role, workerModels,
                settings, workerLease);
    }

    public BridgeConfig withWorkerLease(Duration lease) {
        return new BridgeConfig(host, port, home, allowedOrigins, extraHostNames, rpcLimits, jobLimits,
                socketAuthTimeout, maxSocketsPerToken, pluginsDir, connectionLimits, database, role, workerModels, tls,
                lease);
    }
}
