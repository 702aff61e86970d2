package io.atelier.tools.bench;

import io.atelier.bridge.batch.BatchRun;
import io.atelier.bridge.batch.GenerationRunner;
import io.atelier.bridge.security.TokenStore;
import io.atelier.client.AtelierClient;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.Map;

/**
 * Issue 13's batch test with real processes: {@code atelier batch} of N lines against a bridge in a child JVM that is
 * killed with SIGKILL (and restarted) several times during the run. The batch must end with every line written, a
 * re-run must skip them all, and the bridge must have run one job per line (no line twice). Also measures the batch's
 * images per second against one client generating one request at a time.
 */
public final class BatchDurabilityBench {
    private static final String[] PROMPTS = {"robe rouge à rayures", "chemise bleue", "pantalon noir",
        "veste verte à carreaux", "jupe jaune", "manteau gris"};

    /** What the run found. */
    public record Result(int lines, int failedLines, int skippedOnRerun, int jobs, int duplicatedJobs,
                         double batchImagesPerSecond, double singleClientImagesPerSecond) {
    }

    private BatchDurabilityBench() {
    }

    public static Result run(int lines, int kills, int parallel, long seed, PrintStream out) throws Exception {
        Path home = Files.createTempDirectory("atelier-batch-durability-");
        Path log = home.resolveSibling(home.getFileName() + "-bridge.log");
        Path file = home.resolveSibling(home.getFileName() + ".jsonl");
        Path outDir = home.resolveSibling(home.getFileName() + "-out");
        List<String> text = new ArrayList<>();
        for (int i = 0; i < lines; i++) {
            text.add("{\"prompt\":\"" + PROMPTS[i % PROMPTS.length] + "\"" + (i % 10 == 0 ? ",\"count\":2" : "")
                    + "}");
        }
        Files.write(file, text);
        out.println("Home " + home + ", bridge log " + log + ", output " + outDir);
        BridgeProcess[] bridge = {BridgeProcess.start(home, log)};
        String token = TokenStore.open(home).readAdminToken();
        Map<String, AtelierClient> clients = new ConcurrentHashMap<>();
        GenerationRunner runner = new GenerationRunner(
                () -> clients.computeIfAbsent(bridge[0].url(), url -> AtelierClient.create(url, token)),
                Duration.ofSeconds(180));

        // Step 1: one client, one request at a time: the baseline.
        Path single = Files.createTempDirectory("atelier-single-");
        // Other requests than the batch's (another negative prompt), so that no idempotency key is shared.
        Files.write(single.resolve("single.jsonl"), text.subList(0, 8).stream()
                .map(line -> line.replace("}", ",\"negativePrompt\":\"flou\"}")).toList());
        BatchRun.Report baseline = BatchRun.run(single.resolve("single.jsonl"), single, 1, runner, out);

        // Step 2: the batch, killed `kills` times at random moments while it runs.
        CompletableFuture<BatchRun.Report> batch = CompletableFuture.supplyAsync(() -> {
            try {
                return BatchRun.run(file, outDir, parallel, runner, out);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        Random random = new Random(seed);
        long expectedSeconds = (long) Math.max(10, lines / Math.max(0.5, baseline.imagesPerSecond() * 2));
        for (int k = 0; k < kills && !batch.isDone(); k++) {
            Thread.sleep((long) (1000 * expectedSeconds * (0.1 + 0.3 * random.nextDouble())));
            if (batch.isDone()) {
                break;
            }
            bridge[0].kill();
            bridge[0] = BridgeProcess.start(home, log);
            out.printf("%nkilled the bridge (%d of %d), restarted in %d ms resuming %d jobs%n", k + 1, kills,
                    bridge[0].startMillis(), bridge[0].resumedJobs());
        }
        BatchRun.Report report = batch.get();
        for (BatchRun.Failure failure : report.failures()) {
            out.println("  line " + failure.line() + ": " + failure.reason());
        }
        // Step 3: a re-run has nothing left to do.
        BatchRun.Report rerun = BatchRun.run(file, outDir, parallel, runner, out);
        bridge[0].close();
        clients.values().forEach(AtelierClient::close);

        // Step 4: one job per line in the bridge's own journal.
        int jobs;
        int duplicated;
        try (Connection db = DriverManager.getConnection("jdbc:sqlite:" + home.resolve("atelier.db"));
             Statement st = db.createStatement()) {
            try (ResultSet rs = st.executeQuery("SELECT count(DISTINCT client_request_id) FROM jobs WHERE "
                    + "client_request_id LIKE 'batch-%'")) {
                rs.next();
                jobs = rs.getInt(1) - baseline.lines(); // the baseline's lines are batch lines too
            }
            try (ResultSet rs = st.executeQuery("SELECT (SELECT count(*) FROM history) - (SELECT count(DISTINCT "
                    + "job_id) FROM history)")) {
                rs.next();
                duplicated = rs.getInt(1);
            }
        }
        Result result = new Result(lines, report.failures().size(), rerun.skipped(), jobs, duplicated,
                report.imagesPerSecond(), baseline.imagesPerSecond());
        out.printf("%nBatch durability: %d lines, %d kills: %d lines failed, re-run skipped %d of %d, %d jobs for "
                        + "the %d lines, %d run twice; batch %.2f images/s (parallel %d, kills included) against "
                        + "%.2f images/s for one client one request at a time%n",
                lines, kills, result.failedLines(), rerun.skipped(), lines, jobs, lines, duplicated,
                report.imagesPerSecond(), parallel, baseline.imagesPerSecond());
        return result;
    }
}
