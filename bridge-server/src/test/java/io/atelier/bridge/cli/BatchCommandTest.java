package io.atelier.bridge.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.atelier.bridge.Bridge;
import io.atelier.bridge.BridgeConfig;
import io.atelier.bridge.generate.GeneratingBridge;
import io.atelier.client.AtelierClient;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code atelier generate} and {@code atelier batch} end to end against a running bridge on the default model. */
class BatchCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static Path home;
    private static Bridge bridge;

    @TempDir
    Path out;

    @BeforeAll
    static void startBridge() throws Exception {
        home = Files.createTempDirectory("atelier-batch-test-");
        bridge = GeneratingBridge.create(BridgeConfig.defaults(home).withPort(0)
                .withJobLimits(GeneratingBridge.JOB_LIMITS)).start();
    }

    @AfterAll
    static void stopBridge() throws Exception {
        bridge.close();
    }

    private static String cli(String... args) {
        PrintStream original = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            int exit = new CommandLine(new AtelierCli()).execute(args);
            return exit + "\n" + captured.toString(StandardCharsets.UTF_8);
        } finally {
            System.setOut(original);
        }
    }

    private String[] batchArgs(Path file) {
        return new String[] {"batch", file.toString(), "--out", out.toString(), "--parallel", "3",
            "--home", home.toString(), "--url", bridge.baseUri().toString()};
    }

    private int historyRecords() {
        try (AtelierClient admin = AtelierClient.fromHome(home, bridge.baseUri().toString())) {
            return admin.call("history.search", Map.of("limit", 500)).path("records").size();
        }
    }

    @Test
    void generate_writes_each_image_with_its_seed_and_prints_where() throws Exception {
        String printed = cli("generate", "robe rouge à rayures", "--count", "2", "--seed", "42", "--out",
                out.toString(), "--home", home.toString(), "--url", bridge.baseUri().toString());

        assertEquals(List.of("0", out.resolve("atelier-seed-42.png").toAbsolutePath().toString(),
                out.resolve("atelier-seed-43.png").toAbsolutePath().toString()), printed.lines().toList());
        JsonNode sidecar = JSON.readTree(out.resolve("atelier-seed-43.json").toFile());
        assertEquals(43, sidecar.path("seed").asLong());
        assertTrue(sidecar.path("historyRecordId").asText().startsWith("hist-"), sidecar.toString());
    }

    @Test
    void a_batch_writes_every_line_reports_failures_and_a_rerun_skips_what_is_done() throws Exception {
        Path file = out.resolve("requests.jsonl");
        Files.writeString(file, String.join("\n",
                "{\"prompt\":\"chemise bleue\",\"seed\":7}",
                "{\"prompt\":\"jupe jaune\",\"count\":2}",
                "",
                "{\"negativePrompt\":\"no prompt here\"}",
                "{\"prompt\":\"pantalon noir\",\"model\":\"no-such-model\"}") + "\n");

        String first = cli(batchArgs(file));

        assertTrue(first.startsWith("1\n4 lines: 2 done now (3 images"), first);
        assertTrue(first.contains("line 4: a line is an images.generate params object with a \"prompt\""), first);
        assertTrue(first.contains("line 5: -32004 Not found: No model named 'no-such-model' is installed."), first);
        assertTrue(Files.exists(out.resolve("line-0001-seed-7.png")));
        JsonNode sidecar = JSON.readTree(out.resolve("line-0001-seed-7.json").toFile());
        assertEquals(1, sidecar.path("line").asInt());
        String historyId = sidecar.path("historyRecordId").asText();
        try (AtelierClient admin = AtelierClient.fromHome(home, bridge.baseUri().toString())) {
            assertEquals(7, admin.call("history.get", Map.of("id", historyId)).path("seed").asLong());
        }
        try (Stream<Path> files = Files.list(out)) {
            assertEquals(2, files.filter(f -> f.getFileName().toString().startsWith("line-0002-seed-")
                    && f.toString().endsWith(".png")).count());
        }

        // A re-run skips the done lines; a line whose PNG went missing is asked again under the same key, and the
        // bridge answers the job it already ran: no new history record, the same job id.
        int records = historyRecords();
        Files.delete(out.resolve("line-0001-seed-7.png"));
        String second = cli(batchArgs(file));

        assertTrue(second.startsWith("1\n4 lines: 1 done now (1 images"), second);
        assertTrue(second.contains(", 1 already done, 2 failed"), second);
        assertEquals(records, historyRecords());
        assertEquals(sidecar.path("jobId"), JSON.readTree(out.resolve("line-0001-seed-7.json").toFile()).path("jobId"));
    }
}
