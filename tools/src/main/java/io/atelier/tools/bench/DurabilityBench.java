package io.atelier.tools.bench;

import com.fasterxml.jackson.databind.JsonNode;
import io.atelier.bridge.security.TokenStore;
import io.atelier.client.AtelierClient;
import io.atelier.client.AtelierRpcException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Issue 13's crash test with real processes: each round submits a mix of jobs from three tokens (each submission
 * retried with its {@code clientRequestId} until accepted, as a careful client would), kills the bridge's JVM with
 * SIGKILL at a random moment, restarts it on the same home and waits for the round's jobs. At the end every accepted
 * job must have finished exactly once: {@code jobs.get} knows it with its results, its one history record agrees,
 * resubmitting its key answers the same id, and {@code pragma integrity_check} is ok.
 */
public final class DurabilityBench {
    private static final String[] PROMPTS = {"robe rouge à rayures", "chemise bleue", "pantalon noir",
        "veste verte à carreaux", "jupe jaune", "manteau gris"};

    /** What the run found; lost and duplicated must be 0. */
    public record Result(int accepted, int completed, int failed, int lost, int duplicated, int historyDisagreements,
                         int stuckHistoryRows, String integrityCheck, List<Long> restartMillis) {
        public long medianRestartMillis() {
            List<Long> sorted = new ArrayList<>(restartMillis);
            Collections.sort(sorted);
            return sorted.isEmpty() ? 0 : sorted.get(sorted.size() / 2);
        }
    }

    private record Submitted(int token, String key, String jobId, int count) {
    }

    private final Path home;
    private final Path log;
    private final Random random;
    private final PrintStream out;
    private final List<String> tokens = new ArrayList<>();
    private final Map<String, Submitted> accepted = new ConcurrentHashMap<>();
    private final List<Long> restarts = new ArrayList<>();
    private volatile BridgeProcess bridge;
    private int resumedTotal;

    private DurabilityBench(Path home, long seed, PrintStream out) {
        this.home = home;
        this.log = home.resolveSibling(home.getFileName() + "-bridge.log");
        this.random = new Random(seed);
        this.out = out;
    }

    /**
     * @param rounds kills (each followed by a restart)
     * @param jobsPerRound jobs submitted per round, spread over three tokens
     * @param killWindowMillis the kill falls uniformly within this many milliseconds of the round's first submission
     */
    public static Result run(int rounds, int jobsPerRound, long killWindowMillis, long seed, PrintStream out)
            throws Exception {
        Path home = Files.createTempDirectory("atelier-durability-");
        DurabilityBench bench = new DurabilityBench(home, seed, out);
        return bench.run(rounds, jobsPerRound, killWindowMillis);
    }

    private Result run(int rounds, int jobsPerRound, long killWindowMillis) throws Exception {
        out.println("Home " + home + ", bridge log " + log);
        bridge = BridgeProcess.start(home, log);
        TokenStore tokenStore = TokenStore.open(home);
        tokens.add(tokenStore.readAdminToken());
        tokens.add(tokenStore.createScoped(List.of("durable-a")).secret());
        tokens.add(tokenStore.createScoped(List.of("durable-b")).secret());
        ExecutorService submitters = Executors.newFixedThreadPool(tokens.size());
        try {
            for (int round = 1; round <= rounds; round++) {
                round(round, jobsPerRound, killWindowMillis, submitters);
            }
        } finally {
            submitters.shutdownNow();
        }
        Result result = verify();
        out.printf("Durability: %d rounds (%d jobs resumed after kills), accepted %d, completed %d, failed %d, lost %d, duplicated %d; history "
                        + "disagreements %d, history rows left running %d; integrity_check %s; restart median %d ms, "
                        + "max %d ms%n", rounds, resumedTotal, result.accepted(), result.completed(), result.failed(), result.lost(),
                result.duplicated(), result.historyDisagreements(), result.stuckHistoryRows(),
                result.integrityCheck(), result.medianRestartMillis(),
                restarts.stream().mapToLong(Long::longValue).max().orElse(0));
        return result;
    }

    private void round(int round, int jobsPerRound, long killWindowMillis, ExecutorService submitters)
            throws Exception {
        // Step 1: three tokens submit at once, each retrying every submission until the bridge accepts it.
        List<Future<List<Submitted>>> batches = new ArrayList<>();
        for (int t = 0; t < tokens.size(); t++) {
            int token = t;
            batches.add(submitters.submit(() -> submitAll(round, token, jobsPerRound / tokens.size())));
        }
        // Step 2: kill -9 at a random moment, then start again on the same home.
        Thread.sleep((long) (random.nextDouble() * killWindowMillis));
        bridge.kill();
        bridge = BridgeProcess.start(home, log);
        restarts.add(bridge.startMillis());
        // Step 3: every accepted job of the round reaches a final status.
        List<Submitted> mine = new ArrayList<>();
        for (Future<List<Submitted>> batch : batches) {
            mine.addAll(batch.get());
        }
        awaitFinal(mine);
        resumedTotal += bridge.resumedJobs();
        out.printf("round %d: killed, restarted in %d ms resuming %d jobs, %d jobs accepted and finished%n", round,
                bridge.startMillis(), bridge.resumedJobs(), mine.size());
    }

    private List<Submitted> submitAll(int round, int token, int jobs) throws InterruptedException {
        List<Submitted> done = new ArrayList<>();
        for (int i = 0; i < jobs; i++) {
            String key = "r" + round + "-t" + token + "-" + i;
            int count = i % 4 == 0 ? 2 : 1;
            Map<String, Object> params = new LinkedHashMap<>();
            params.put("prompt", PROMPTS[(i + token + round) % PROMPTS.length]);
            params.put("seed", round * 10_000L + token * 100L + i);
            params.put("count", count);
            params.put("clientRequestId", key);
            // Submissions spread over about a second, so that some kills land while they are arriving.
            Thread.sleep(ThreadLocalRandom.current().nextInt(200));
            JsonNode result = withRetries(token, client -> client.call("images.generate", params));
            Submitted submitted = new Submitted(token, key, result.path("jobId").asText(), count);
            accepted.put(key, submitted);
            done.add(submitted);
        }
        return done;
    }

    private JsonNode withRetries(int token, java.util.function.Function<AtelierClient, JsonNode> call)
            throws InterruptedException {
        while (true) {
            try (AtelierClient client = AtelierClient.create(bridge.url(), tokens.get(token))) {
                return call.apply(client);
            } catch (UncheckedIOException | IllegalStateException e) {
                Thread.sleep(100); // the bridge is down or restarting
            } catch (AtelierRpcException e) {
                if (e.code() != io.atelier.protocol.ErrorCodes.BUSY) {
                    throw e;
                }
                Thread.sleep(200);
            }
        }
    }

    private void awaitFinal(List<Submitted> jobs) throws InterruptedException {
        long deadline = System.nanoTime() + 300_000_000_000L;
        List<Submitted> pending = new ArrayList<>(jobs);
        while (!pending.isEmpty() && System.nanoTime() < deadline) {
            pending.removeIf(job -> {
                try {
                    return isFinal(withRetries(job.token(), c -> c.call("jobs.get", Map.of("jobId", job.jobId()))));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return true;
                } catch (AtelierRpcException e) {
                    return true; // not found: counted as lost by verify()
                }
            });
            Thread.sleep(250);
        }
    }

    private static boolean isFinal(JsonNode job) {
        String status = job.path("status").asText();
        return status.equals("succeeded") || status.equals("failed") || status.equals("cancelled");
    }

    private Result verify() throws Exception {
        int completed = 0;
        int failed = 0;
        int lost = 0;
        int duplicated = 0;
        Map<String, List<String>> resultsByJob = new LinkedHashMap<>();
        for (Submitted job : accepted.values()) {
            // Step 1: jobs.get knows it, with all its images.
            try {
                JsonNode info = withRetries(job.token(), c -> c.call("jobs.get", Map.of("jobId", job.jobId())));
                List<String> ids = new ArrayList<>();
                info.path("results").forEach(ref -> ids.add(ref.path("id").asText()));
                resultsByJob.put(job.jobId(), ids);
                if (info.path("status").asText().equals("succeeded") && ids.size() == job.count()) {
                    completed++;
                } else if (isFinal(info)) {
                    failed++;
                    out.println("  " + job.key() + " " + info.path("status").asText() + ": "
                            + info.path("error").path("data").path("reason").asText());
                } else {
                    lost++;
                }
            } catch (AtelierRpcException e) {
                lost++;
                out.println("  " + job.key() + " lost: " + e.getMessage());
            }
            // Step 2: the same key again answers the same job.
            Map<String, Object> again = Map.of("prompt", PROMPTS[0], "clientRequestId", job.key());
            String second = withRetries(job.token(), c -> c.call("images.generate", again)).path("jobId").asText();
            if (!second.equals(job.jobId())) {
                duplicated++;
            }
        }
        bridge.close();
        // Step 3: the database itself, the bridge stopped.
        int disagreements = 0;
        int stuck;
        String integrity;
        try (Connection db = DriverManager.getConnection("jdbc:sqlite:" + home.resolve("atelier.db"));
             Statement st = db.createStatement()) {
            try (ResultSet rs = st.executeQuery("PRAGMA integrity_check")) {
                rs.next();
                integrity = rs.getString(1);
            }
            try (ResultSet rs = st.executeQuery("SELECT count(*) FROM history WHERE status IN ('queued','running')")) {
                rs.next();
                stuck = rs.getInt(1);
            }
            try (ResultSet rs = st.executeQuery("SELECT count(*) FROM (SELECT 1 FROM jobs WHERE client_request_id IS "
                    + "NOT NULL GROUP BY owner_token, client_request_id HAVING count(*) > 1)")) {
                rs.next();
                duplicated += rs.getInt(1);
            }
            try (PreparedStatement history = db.prepareStatement(
                    "SELECT status, image_ids FROM history WHERE job_id = ?")) {
                for (Map.Entry<String, List<String>> job : resultsByJob.entrySet()) {
                    history.setString(1, job.getKey());
                    List<String> rows = new ArrayList<>();
                    try (ResultSet rs = history.executeQuery()) {
                        while (rs.next()) {
                            rows.add(rs.getString("status") + " " + rs.getString("image_ids"));
                        }
                    }
                    if (rows.size() > 1) {
                        duplicated++;
                    }
                    String expected = "succeeded [" + String.join(",", job.getValue().stream()
                            .map(id -> "\"" + id + "\"").toList()) + "]";
                    if (rows.size() != 1 || !rows.get(0).equals(expected)) {
                        disagreements++;
                        out.println("  history of " + job.getKey() + ": " + rows + ", expected " + expected);
                    }
                }
            }
        }
        return new Result(accepted.size(), completed, failed, lost, duplicated, disagreements, stuck, integrity,
                List.copyOf(restarts));
    }
}
