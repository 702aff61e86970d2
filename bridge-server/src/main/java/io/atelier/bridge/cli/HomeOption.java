package io.atelier.bridge.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * {@code --home DIR}: the bridge's folder; defaults to {@code $ATELIER_HOME}, else {@code ~/.atelier}. Public for the
 * tools' commands ({@code demo brand}, {@code eval micro}), which work on the same folder.
 */
public final class HomeOption {
    @Option(names = "--home", paramLabel = "DIR", description = "Bridge folder (default: $ATELIER_HOME or ~/.atelier).")
    Path home;

    public Path resolve() {
        if (home != null) {
            return home.toAbsolutePath();
        }
        String env = System.getenv("ATELIER_HOME");
        if (env != null && !env.isBlank()) {
            return Path.of(env).toAbsolutePath();
        }
        return Path.of(System.getProperty("user.home"), ".atelier");
    }
}
