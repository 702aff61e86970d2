package io.atelier.bridge.cli;

import io.atelier.brands.store.DatabaseLocation;
import io.atelier.bridge.BridgeConfig;
import io.atelier.bridge.http.TlsSettings;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import picocli.CommandLine.Option;

/**
 * {@code serve}'s options for a deployment beyond one machine: the shared database and the process's role in it, the
 * host names it answers to, and HTTPS. Left out, the bridge is what it always was: SQLite, loopback, plain HTTP.
 */
final class DeploymentOptions {
    @Option(names = "--database", paramLabel = "URL",
            description = "A PostgreSQL server shared by a team's bridges and workers, e.g."
                    + " postgresql://atelier:secret@db.lan:5432/atelier (default: SQLite in the home folder).")
    String database;

    @Option(names = "--role", paramLabel = "ROLE", defaultValue = "all",
            description = "bridge (serves designers, runs no job), worker (runs jobs from the shared queue) or all"
                    + " (default: ${DEFAULT-VALUE}). bridge and worker need --database.")
    String role;

    @Option(names = "--models", paramLabel = "ID,ID", split = ",",
            description = "For a worker: the models it claims jobs for (default: any).")
    List<String> models = new ArrayList<>();

    @Option(names = "--worker-lease", paramLabel = "SECONDS", defaultValue = "15",
            description = "How long a worker's claim on a job lasts without renewal: the jobs of a worker that died"
                    + " are claimed again after this (default: ${DEFAULT-VALUE}).")
    int leaseSeconds;

    @Option(names = "--allow-host", paramLabel = "NAME",
            description = "Also accept this name in the Host header, e.g. atelier.studio.lan; repeatable.")
    List<String> allowHosts = new ArrayList<>();

    @Option(names = "--tls-keystore", paramLabel = "FILE",
            description = "Serve HTTPS with this PKCS#12 or JKS keystore; its password from $ATELIER_TLS_PASSWORD.")
    Path keystore;

    @Option(names = "--tls-cert", paramLabel = "PEM", description = "Serve HTTPS with this certificate chain (with --tls-key).")
    Path certificate;

    @Option(names = "--tls-key", paramLabel = "PEM", description = "The unencrypted PKCS#8 key of --tls-cert.")
    Path privateKey;

    /**
     * {@code config} with these options applied.
     *
     * @throws IllegalArgumentException with a sentence for the user when the options do not fit together
     */
    BridgeConfig apply(BridgeConfig config) {
        BridgeConfig.Role chosen = parseRole(role);
        DatabaseLocation location = database == null ? null : DatabaseLocation.parse(database, config.home());
        if (chosen != BridgeConfig.Role.ALL && location == null) {
            throw new IllegalArgumentException("--role " + role + " shares a queue with other processes: give the"
                    + " shared PostgreSQL with --database postgresql://...");
        }
        if (!models.isEmpty() && !chosen.runsJobs()) {
            throw new IllegalArgumentException("--models is for a process that runs jobs (--role worker or all)");
        }
        Set<String> hosts = new LinkedHashSet<>(config.extraHostNames());
        for (String host : allowHosts) {
            if (host.isBlank() || host.contains("/") || host.contains(" ")) {
                throw new IllegalArgumentException("--allow-host takes a host name, e.g. atelier.studio.lan (got '"
                        + host + "')");
            }
            hosts.add(host.toLowerCase(Locale.ROOT));
        }
        if (leaseSeconds < 1) {
            throw new IllegalArgumentException("--worker-lease is at least 1 second");
        }
        return config.withDatabase(location).withWorkerLease(java.time.Duration.ofSeconds(leaseSeconds)).withRole(chosen).withWorkerModels(Set.copyOf(models))
                .withExtraHostNames(hosts).withTls(tls());
    }

    private TlsSettings tls() {
        if (keystore != null && (certificate != null || privateKey != null)) {
            throw new IllegalArgumentException("give either --tls-keystore or --tls-cert with --tls-key, not both");
        }
        if (keystore != null) {
            String password = System.getenv("ATELIER_TLS_PASSWORD");
            return TlsSettings.keystore(keystore, password == null ? "" : password);
        }
        if ((certificate == null) != (privateKey == null)) {
            throw new IllegalArgumentException("--tls-cert and --tls-key go together");
        }
        return certificate == null ? null : TlsSettings.pem(certificate, privateKey);
    }

    private static BridgeConfig.Role parseRole(String text) {
        try {
            return BridgeConfig.Role.valueOf(text.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--role is bridge, worker or all (got '" + text + "')");
        }
    }
}
