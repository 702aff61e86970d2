package io.atelier.tools.bench;

import io.atelier.bridge.Bridge;
import io.atelier.bridge.BridgeConfig;
import io.atelier.bridge.generate.EngineModelCatalog;
import io.atelier.bridge.generate.GeneratingBridge;
import io.atelier.bridge.generate.GenerationEngines;
import io.atelier.client.AtelierClient;
import io.atelier.client.AtelierSocket;
import io.atelier.client.NotificationListener;
import io.atelier.engine.DiffusionEngine;
import io.atelier.engine.pipeline.DiffusionPipeline;
import io.atelier.protocol.ImagesGenerateParams;
import io.atelier.protocol.JobStatus;
import io.atelier.protocol.JobsFinishedNotification;
import io.atelier.protocol.JobsProgressNotification;
import io.atelier.protocol.service.ImagesService;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@code atelier bench generate}: a bridge started in-process on port 0 over a temporary home, measured from the
 * outside with the java-client over RPC and the WebSocket, on the default model at its native size and default steps.
 * Prints figures; asserts nothing.
 */
public final class GenerateBench {
    private static final Duration WAIT = Duration.ofMinutes(10);
    private static final String PROMPT = "red striped dress with a belt and short sleeves";

    /** When each job's first progress and its end reached the client. */
    private final Map<String, Long> firstProgress = new ConcurrentHashMap<>();
    private final Map<String, Long> finishedAt = new ConcurrentHashMap<>();
    private final PrintStream out;

    private GenerateBench(PrintStream out) {
        this.out = out;
    }

    public static void run(int runs, int clients, String pythonScript, PrintStream out) throws Exception {
        Path home = Files.createTempDirectory("atelier-bench-generate-");
        try {
            new GenerateBench(out).measure(home, runs, clients, pythonScript);
        } finally {
            try (var paths = Files.walk(home)) {
                paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    private void measure(Path home, int runs, int clients, String pythonScript) throws Exception {
        DiffusionEngine engine = GenerationEngines.open(home);
        Bridge bridge = Bridge.create(BridgeConfig.defaults(home).withPort(0).withJobLimits(GeneratingBridge.JOB_LIMITS)
                .withMaxSocketsPerToken(clients + 2),
                new EngineModelCatalog(engine.models()));
        GeneratingBridge.install(bridge, engine).start();
        String canonical;
        Path packageDir;
        double atelierMillis;
        try (bridge; AtelierClient client = AtelierClient.create(bridge.baseUri().toString(),
                bridge.tokens().readAdminToken()); AtelierSocket socket = client.openSocket(recorder())) {
            DiffusionPipeline pipeline = engine.pipeline(null);
            var m = pipeline.manifest();
            out.printf(Locale.ROOT, "model %s (default), %dx%d, %d steps, sampler %s, guidance %.1f, %d CPU threads%n",
                    m.id(), m.nativeWidth(), m.nativeHeight(), m.scheduler().defaultSteps(),
                    m.scheduler().defaultSampler(), m.scheduler().defaultGuidance(),
                    Runtime.getRuntime().availableProcessors());

            // Step 1: warm-up (libtorch's first forwards are several times slower), then timed single jobs.
            for (int i = 0; i < 3; i++) {
                generate(socket, 42);
            }
            double[] latency = new double[runs];
            double[] toFirst = new double[runs];
            double[] forwards = new double[runs];
            for (int i = 0; i < runs; i++) {
                long modelBefore = pipeline.modelNanos();
                long begin = System.nanoTime();
                String jobId = generate(socket, 42);
                latency[i] = (finishedAt.get(jobId) - begin) / 1e6;
                toFirst[i] = (awaitFirstProgress(jobId) - begin) / 1e6;
                forwards[i] = (pipeline.modelNanos() - modelBefore) / 1e6;
            }
            double e2e = median(latency);
            double inside = median(forwards);
            out.printf(Locale.ROOT, "end-to-end latency, submit to jobs.finished (median of %d): %.1f ms%n", runs, e2e);
            out.printf(Locale.ROOT, "inside model forwards: %.1f ms, ratio %.3f (target >= 0.95)%n", inside,
                    inside / e2e);
            out.printf(Locale.ROOT, "time to first jobs.progress (median): %.1f ms (target <= 150 ms)%n",
                    median(toFirst));

            // Step 2: throughput, one client at a time, then `clients` clients at once (the engine batches them).
            int perClient = Math.max(1, runs / 2);
            double one = throughput(client, 1, clients * perClient);
            double many = throughput(client, clients, perClient);
            out.printf(Locale.ROOT, "throughput 1 client: %.2f images/s%n", one);
            out.printf(Locale.ROOT, "throughput %d clients: %.2f images/s (x%.2f, target >= 1.5)%n", clients, many,
                    many / one);

            // Step 3 (after the bridge is closed, so that its idle libtorch threads take no CPU from Python): the
            // same generation in plain Python over the same TorchScript files.
            canonical = client.call("taxonomy.resolve", Map.of("text", PROMPT, "lang", "en")).path("prompt").asText();
            packageDir = engine.models().open(m.id()).directory();
            atelierMillis = e2e;
        }
        python(pythonScript, packageDir, canonical, runs, atelierMillis);
    }

    private void python(String script, Path packageDir, String canonical, int runs, double atelierMillis)
            throws Exception {
        if (!PythonReference.available()) {
            out.println("python reference: python3-torch not installed");
            return;
        }
        var path = PythonReference.script(script);
        if (path.isEmpty()) {
            out.println("python reference: tools/bench/python_reference.py not found (give --python-script)");
            return;
        }
        int threads = Integer.getInteger("ai.djl.pytorch.num_threads", Runtime.getRuntime().availableProcessors());
        double python = PythonReference.medianMillis(path.get(), packageDir, canonical, 42, runs,
                threads);
        out.printf(Locale.ROOT, "python3-torch reference (same files, same DDIM math, %d threads): %.1f ms;"
                + " Atelier end-to-end/Python %.3f (target <= 1.0)%n", threads, python, atelierMillis / python);
    }

    private String generate(AtelierSocket socket, long seed) {
        ImagesGenerateParams params = new ImagesGenerateParams(PROMPT, null, "en", null, null, null, null, null,
                null, null, null, null, seed, null, null, null, null, null);
        String jobId = socket.service(ImagesService.class).generate(params).jobId();
        JobsFinishedNotification finished = socket.awaitFinished(jobId, WAIT);
        if (finished.status() != JobStatus.SUCCEEDED) {
            throw new IllegalStateException("generation " + finished.status() + ": " + finished.error());
        }
        finishedAt.putIfAbsent(jobId, System.nanoTime());
        return jobId;
    }

    private double throughput(AtelierClient client, int clients, int each) throws Exception {
        List<AtelierSocket> sockets = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            sockets.add(client.openSocket(recorder()));
        }
        try {
            return ConcurrentClients.imagesPerSecond(clients, each, (c, seed) -> generate(sockets.get(c), seed));
        } finally {
            sockets.forEach(AtelierSocket::close);
        }
    }

    /** The listener thread may still be delivering the job's first progress when its end was seen. */
    private long awaitFirstProgress(String jobId) throws InterruptedException {
        for (int i = 0; i < 200 && !firstProgress.containsKey(jobId); i++) {
            Thread.sleep(5);
        }
        Long at = firstProgress.get(jobId);
        if (at == null) {
            throw new IllegalStateException("no jobs.progress reached the client for " + jobId);
        }
        return at;
    }

    private NotificationListener recorder() {
        return new NotificationListener() {
            @Override
            public void onProgress(JobsProgressNotification progress) {
                firstProgress.putIfAbsent(progress.jobId(), System.nanoTime());
            }

            @Override
            public void onFinished(JobsFinishedNotification finished) {
                finishedAt.putIfAbsent(finished.jobId(), System.nanoTime());
            }
        };
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted.length % 2 == 1 ? sorted[sorted.length / 2]
                : (sorted[sorted.length / 2 - 1] + sorted[sorted.length / 2]) / 2;
    }
}
