package io.atelier.tools.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A bridge in its own JVM ({@code atelier serve --port 0} on this JVM's class path: {@code atelier-tools.jar}, whose
 * libraries include the app's, when run from the launcher; the modules' classes under a test), so that it can be
 * killed like a real one. Its output goes to a log file beside nothing else.
 */
public final class BridgeProcess implements AutoCloseable {
    private static final Pattern LISTENING = Pattern.compile("listening on (https?://\\S+)");
    /** What a team worker prints once it claims jobs (it serves no URL). */
    private static final Pattern WORKING = Pattern.compile("^Atelier worker (\\S+) running");
    private static final Pattern RESUMED = Pattern.compile("^Resumed (\\d+) jobs");

    private final Process process;
    private final String url;
    private final long startMillis;

    private final java.util.concurrent.atomic.AtomicInteger resumed;

    private BridgeProcess(Process process, String url, long startMillis,
                          java.util.concurrent.atomic.AtomicInteger resumed) {
        this.process = process;
        this.url = url;
        this.startMillis = startMillis;
        this.resumed = resumed;
    }

    /** Starts {@code atelier serve} on {@code home} and waits until it listens; its output is appended to {@code log}. */
    public static BridgeProcess start(Path home, Path log) throws IOException, InterruptedException {
        return start(home, log, List.of());
    }

    /**
     * As {@link #start(Path, Path)}, with more {@code serve} options (a team's {@code --database}, {@code --role}); a
     * {@code --role worker} process is ready once it says it runs jobs, and its {@link #url()} is its worker id.
     */
    public static BridgeProcess start(Path home, Path log, List<String> serveOptions)
            throws IOException, InterruptedException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>(List.of(java, "-cp", System.getProperty("java.class.path"),
                "io.atelier.bridge.cli.AtelierCli", "serve", "--port", "0", "--home", home.toString()));
        command.addAll(serveOptions);
        long started = System.nanoTime();
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        CompletableFuture<String> url = new CompletableFuture<>();
        var resumed = new java.util.concurrent.atomic.AtomicInteger();
        Thread reader = new Thread(() -> pump(process, log, url, resumed), "bridge-process-output");
        reader.setDaemon(true);
        reader.start();
        try {
            String found = url.get(180, TimeUnit.SECONDS);
            return new BridgeProcess(process, found, (System.nanoTime() - started) / 1_000_000, resumed);
        } catch (Exception e) {
            process.destroyForcibly().waitFor();
            throw new IOException("The bridge did not start; see " + log, e);
        }
    }

    private static void pump(Process process, Path log, CompletableFuture<String> url,
                             java.util.concurrent.atomic.AtomicInteger resumed) {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8));
             PrintWriter out = new PrintWriter(Files.newBufferedWriter(log, StandardCharsets.UTF_8,
                     StandardOpenOption.CREATE, StandardOpenOption.APPEND), true)) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                out.println(line);
                Matcher m = LISTENING.matcher(line);
                if (m.find()) {
                    url.complete(m.group(1));
                }
                Matcher w = WORKING.matcher(line);
                if (w.find()) {
                    url.complete(w.group(1));
                }
                Matcher r = RESUMED.matcher(line);
                if (r.find()) {
                    resumed.set(Integer.parseInt(r.group(1)));
                }
            }
        } catch (IOException e) {
            // The process died; whoever waits for the URL times out or already has it.
        } finally {
            url.completeExceptionally(new IOException("the bridge exited"));
        }
    }

    public String url() {
        return url;
    }

    /** From spawning the JVM to the bridge listening (resumed jobs are queued by then). */
    public long startMillis() {
        return startMillis;
    }

    /** Jobs the bridge said it resumed at start (printed just after it listens: read it once jobs have finished). */
    public int resumedJobs() {
        return resumed.get();
    }

    public long pid() {
        return process.pid();
    }

    /** kill -9: no shutdown hook, no flush, nothing. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    /** SIGTERM, as Ctrl-C would; kill -9 if it does not stop within 20 s. */
    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(20, TimeUnit.SECONDS)) {
            kill();
        }
    }
}
