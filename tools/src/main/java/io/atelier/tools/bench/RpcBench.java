package io.atelier.tools.bench;

import io.atelier.bridge.Bridge;
import io.atelier.bridge.BridgeConfig;
import io.atelier.bridge.models.ModelCatalog;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code atelier bench rpc}: the same load (N clients alternating {@code session.initialize} and {@code jobs.list})
 * against a real bridge and then against a bare Jetty handler answering the same bytes; prints requests/s, p50, p99
 * and the ratio.
 */
public final class RpcBench {
    private static final String INITIALIZE =
            "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"session.initialize\",\"params\":{\"clientName\":\"bench\",\"clientVersion\":\"1\"}}";
    private static final String JOBS_LIST = "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"jobs.list\",\"params\":{}}";

    private static final int ROUNDS = 4;

    private RpcBench() {
    }

    public static void run(int clients, Duration measure, Duration warmup, PrintStream out) throws Exception {
        Path home = Files.createTempDirectory("atelier-bench-");
        List<byte[]> bodies = List.of(INITIALIZE.getBytes(StandardCharsets.UTF_8), JOBS_LIST.getBytes(StandardCharsets.UTF_8));
        String loadBefore = loadAverage();
        out.printf("bench rpc: %d clients, %d s per target in %d alternating rounds after %d s warm-up, %d CPUs%n",
                clients, measure.toSeconds(), ROUNDS, warmup.toSeconds(), Runtime.getRuntime().availableProcessors());
        try (Bridge bridge = Bridge.create(BridgeConfig.defaults(home).withPort(0), ModelCatalog.empty()).start()) {
            String token = bridge.tokens().readAdminToken();
            URI rpc = bridge.baseUri().resolve("/rpc");
            // Step 1: the bytes the bridge answers, for the bare server to replay.
            Map<String, byte[]> answers = new LinkedHashMap<>();
            answers.put("session.initialize", call(rpc, token, bodies.get(0)));
            answers.put("jobs.list", call(rpc, token, bodies.get(1)));
            LoadGenerator load = new LoadGenerator(clients, token, bodies);
            try (BareJettyServer bare = new BareJettyServer(answers)) {
                URI bareRpc = URI.create("http://127.0.0.1:" + bare.port() + "/rpc");
                // Step 2: warm both up, then alternate short rounds so that a change in machine load (other
                // processes) weighs on both targets alike.
                load.run(rpc, warmup);
                load.run(bareRpc, warmup);
                List<LoadGenerator.Sample> bridgeSamples = new ArrayList<>();
                List<LoadGenerator.Sample> bareSamples = new ArrayList<>();
                Duration round = measure.dividedBy(ROUNDS);
                for (int i = 0; i < ROUNDS; i++) {
                    bridgeSamples.add(load.run(rpc, round));
                    bareSamples.add(load.run(bareRpc, round));
                }
                LoadResult bridged = LoadGenerator.summarise("bridge", bridgeSamples);
                LoadResult baseline = LoadGenerator.summarise("bare jetty", bareSamples);
                out.println(bridged.line());
                out.println(baseline.line());
                double ratio = bridged.requestsPerSecond() / baseline.requestsPerSecond();
                out.printf("ratio bridge/bare: %.2f (target >= 0.5); bridge p99 %.2f ms (target < 20 ms)%n",
                        ratio, bridged.p99Millis());
                out.println("load average before/after: " + loadBefore + " / " + loadAverage());
            }
        } finally {
            deleteQuietly(home);
        }
    }

    private static byte[] call(URI rpc, String token, byte[] body) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        HttpResponse<byte[]> response = http.send(HttpRequest.newBuilder(rpc)
                .header("Content-Type", "application/json").header("Authorization", "Bearer " + token)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofByteArray());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("the bridge answered HTTP " + response.statusCode());
        }
        return response.body();
    }

    /** The 1-minute load average, to judge how quiet the machine was; "n/a" where /proc is absent. */
    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
        } catch (Exception e) {
            return "n/a";
        }
    }

    private static void deleteQuietly(Path dir) {
        try (var paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (Exception e) {
            // A temp folder left behind is harmless.
        }
    }
}
