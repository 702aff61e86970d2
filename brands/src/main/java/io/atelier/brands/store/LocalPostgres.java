package io.atelier.brands.store;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.UserPrincipal;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * A throwaway PostgreSQL server in a temporary folder on a free loopback port: the installed server binaries
 * (Debian's {@code postgresql} package, {@code /usr/lib/postgresql/<version>/bin}), trust authentication, no fsync.
 * For tests and benchmarks that need a real PostgreSQL; never for data that matters.
 *
 * <p>{@code initdb} and {@code postgres} refuse to run as root. When this process is root (CI containers, this
 * machine) they run through {@code setpriv} as the unprivileged {@code postgres} user the Debian package creates
 * (else {@code nobody}), and the folder is handed to that user. Nothing is created outside the folder.
 */
public final class LocalPostgres implements AutoCloseable {
    /** The superuser {@code initdb} creates; the JDBC connections log in as it without a password. */
    public static final String USER = "atelier";
    private static final Path DEBIAN_BINARIES = Path.of("/usr/lib/postgresql");
    private static final AtomicInteger DATABASES = new AtomicInteger();

    private static LocalPostgres shared;
    private static RuntimeException sharedFailure;

    private final Path folder;
    private final Path bin;
    private final List<String> runAs;
    private final int port;
    private boolean stopped;

    private LocalPostgres(Path folder, Path bin, List<String> runAs, int port) {
        this.folder = folder;
        this.bin = bin;
        this.runAs = runAs;
        this.port = port;
    }

    /**
     * One server for this whole JVM, started on first use and stopped when the JVM exits: tests take a fresh database
     * each ({@link #createDatabase}) rather than a server each, which costs a second or two to start.
     */
    public static synchronized LocalPostgres shared() {
        if (sharedFailure != null) {
            throw new IllegalStateException("the test PostgreSQL did not start (see the first failure)", sharedFailure);
        }
        if (shared == null) {
            try {
                shared = start();
            } catch (RuntimeException e) {
                sharedFailure = e;
                throw e;
            }
        }
        return shared;
    }

    /** Whether the server binaries are installed, so that a test can say why it is skipped when they are not. */
    public static boolean isInstalled() {
        return findBinaries() != null;
    }

    /**
     * Creates a cluster in a new temporary folder and starts it; waits until it accepts connections.
     *
     * @throws IllegalStateException when the binaries are missing or the server does not start (its log is quoted)
     */
    public static LocalPostgres start() {
        Path bin = findBinaries();
        if (bin == null) {
            throw new IllegalStateException("PostgreSQL server binaries not found under " + DEBIAN_BINARIES
                    + " (Debian: apt-get install postgresql)");
        }
        try {
            Path folder = Files.createTempDirectory("atelier-postgres");
            List<String> runAs = unprivileged(folder);
            Path data = folder.resolve("data");
            run(runAs, List.of(bin.resolve("initdb").toString(), "-D", data.toString(), "-U", USER,
                    "--auth=trust", "-E", "UTF8", "--locale=C.UTF-8", "--no-sync"), folder.resolve("initdb.log"));
            // A port found free may be taken before the server binds it: try a few.
            IllegalStateException last = null;
            for (int attempt = 0; attempt < 3; attempt++) {
                int port = freePort();
                try {
                    launch(runAs, bin, data, folder, port);
                } catch (IllegalStateException notThisPort) {
                    last = new IllegalStateException("PostgreSQL did not start: " + tail(folder.resolve("server.log")),
                            notThisPort);
                    continue;
                }
                LocalPostgres postgres = new LocalPostgres(folder, bin, runAs, port);
                if (waitUntilReady(port)) {
                    Runtime.getRuntime().addShutdownHook(new Thread(postgres::stopQuietly, "atelier-postgres-stop"));
                    return postgres;
                }
                String log = tail(folder.resolve("server.log"));
                postgres.stopQuietly();
                throw new IllegalStateException("PostgreSQL started but accepts no connection: " + log);
            }
            throw last;
        } catch (IOException e) {
            throw new IllegalStateException("cannot start PostgreSQL", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while starting PostgreSQL", e);
        }
    }

    /** A new, empty database on this server; returns its {@code postgresql://} URL for {@link DatabaseLocation}. */
    public String createDatabase() {
        String name = "atelier_" + ProcessHandle.current().pid() + "_" + DATABASES.incrementAndGet();
        try (Connection c = connect(port, "postgres"); Statement st = c.createStatement()) {
            st.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create a database on the test PostgreSQL", e);
        }
        return "postgresql://" + USER + "@127.0.0.1:" + port + "/" + name;
    }

    public String jdbcUrl(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
    }

    public int port() {
        return port;
    }

    @Override
    public void close() {
        stopQuietly();
    }

    private synchronized void stopQuietly() {
        if (stopped) {
            return;
        }
        stopped = true;
        try {
            // Fast shutdown: open sessions are ended, nothing waits for clients.
            run(runAs, List.of(bin.resolve("pg_ctl").toString(), "-D", folder.resolve("data").toString(), "-m",
                    "fast", "-w", "stop"), folder.resolve("stop.log"));
        } catch (IOException | InterruptedException | IllegalStateException e) {
            // Its folder goes anyway; a server without its folder stops at its next checkpoint.
        }
        deleteFolder();
    }

    private void deleteFolder() {
        try (Stream<Path> paths = Files.walk(folder)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // A temporary folder: the system cleans it eventually.
        }
    }

    private static Path findBinaries() {
        if (!Files.isDirectory(DEBIAN_BINARIES)) {
            return null;
        }
        try (Stream<Path> versions = Files.list(DEBIAN_BINARIES)) {
            return versions.map(v -> v.resolve("bin"))
                    .filter(b -> Files.isExecutable(b.resolve("initdb")) && Files.isExecutable(b.resolve("postgres")))
                    .max(Comparator.comparing(b -> versionOf(b.getParent())))
                    .orElse(null);
        } catch (IOException e) {
            return null;
        }
    }

    private static int versionOf(Path versionFolder) {
        try {
            return Integer.parseInt(versionFolder.getFileName().toString());
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    /** The command prefix that drops root, with the folder handed to that user; empty when not root. */
    private static List<String> unprivileged(Path folder) throws IOException {
        if (!"root".equals(System.getProperty("user.name"))) {
            return List.of();
        }
        String user = userExists("postgres") ? "postgres" : "nobody";
        UserPrincipal owner = folder.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName(user);
        Files.setOwner(folder, owner);
        return List.of("setpriv", "--reuid=" + user, "--regid=" + groupOf(user), "--clear-groups", "--");
    }

    private static boolean userExists(String user) {
        try {
            return Files.readAllLines(Path.of("/etc/passwd")).stream().anyMatch(l -> l.startsWith(user + ":"));
        } catch (IOException e) {
            return false;
        }
    }

    private static String groupOf(String user) throws IOException {
        return Files.readAllLines(Path.of("/etc/passwd")).stream().filter(l -> l.startsWith(user + ":"))
                .map(l -> l.split(":")[3]).findFirst().orElse("65534");
    }

    /**
     * Starts the server through {@code pg_ctl}, which detaches it: it is no child of this JVM, so tests that look
     * for processes their code left behind (a renderer after a cancel) do not find it.
     */
    private static void launch(List<String> runAs, Path bin, Path data, Path folder, int port)
            throws IOException, InterruptedException {
        String options = "-p " + port + " -k " + folder + " -c listen_addresses=127.0.0.1 -c fsync=off"
                + " -c synchronous_commit=off -c full_page_writes=off -c max_connections=200";
        run(runAs, List.of(bin.resolve("pg_ctl").toString(), "-D", data.toString(), "-l",
                folder.resolve("server.log").toString(), "-o", options, "-w", "-t", "60", "start"),
                folder.resolve("pg_ctl.log"));
    }

    private static boolean waitUntilReady(int port) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        SQLException last = null;
        while (System.nanoTime() < deadline) {
            try (Connection c = connect(port, "postgres")) {
                return true;
            } catch (SQLException notYet) {
                last = notYet;
                Thread.sleep(100);
            }
        }
        System.err.println("LocalPostgres: no connection to port " + port + ": " + last);
        return false;
    }

    /** A connection as the superuser; the driver directly, whatever class loader the caller runs in. */
    private static Connection connect(int port, String database) throws SQLException {
        java.util.Properties login = new java.util.Properties();
        login.setProperty("user", USER);
        login.setProperty("connectTimeout", "5");
        Connection c = new org.postgresql.Driver().connect("jdbc:postgresql://127.0.0.1:" + port + "/" + database,
                login);
        if (c == null) {
            throw new SQLException("the PostgreSQL driver refused its own URL");
        }
        return c;
    }

    private static void run(List<String> runAs, List<String> args, Path log) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(runAs);
        command.addAll(args);
        Process p = withSystemMalloc(new ProcessBuilder(command)).redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IllegalStateException(args.get(0) + " did not finish within 2 minutes: " + tail(log));
        }
        if (p.exitValue() != 0) {
            throw new IllegalStateException(args.get(0) + " failed (exit " + p.exitValue() + "): " + tail(log));
        }
    }

    /**
     * The server's processes get the system's malloc: the {@code atelier} launcher preloads jemalloc with a background
     * thread for the JVM, and PostgreSQL's forked processes abort under it (initdb exits 134).
     */
    private static ProcessBuilder withSystemMalloc(ProcessBuilder builder) {
        builder.environment().remove("LD_PRELOAD");
        builder.environment().remove("MALLOC_CONF");
        return builder;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static String tail(Path log) {
        try {
            String text = Files.readString(log);
            return text.length() > 2000 ? text.substring(text.length() - 2000) : text;
        } catch (IOException e) {
            return "(no log)";
        }
    }
}
