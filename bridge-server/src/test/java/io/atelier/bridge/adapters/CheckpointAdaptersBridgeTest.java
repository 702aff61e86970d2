package io.atelier.bridge.adapters;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.atelier.bridge.generate.GeneratingBridge;
import io.atelier.bridge.support.BridgeCalls;
import io.atelier.bridge.support.TestBridge;
import io.atelier.brands.BrandScope;
import io.atelier.brands.safetensors.SafeTensors;
import io.atelier.brands.training.AdapterTrainingOptions;
import io.atelier.client.AtelierClient;
import io.atelier.client.AtelierSocket;
import io.atelier.client.NotificationListener;
import io.atelier.engine.DiffusionEngine;
import io.atelier.engine.EngineOptions;
import io.atelier.engine.model.ModelRegistry;
import io.atelier.engine.model.Sha256;
import io.atelier.engine.safetensors.SafeTensorsFile;
import io.atelier.engine.sd.CheckpointInspector;
import io.atelier.engine.sd.DiffusersNames;
import io.atelier.engine.sd.KohyaLora;
import io.atelier.protocol.JobStatus;
import io.atelier.protocol.JobsFinishedNotification;
import io.atelier.protocol.JobsProgressNotification;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code adapters.train} on an SD-1.5 checkpoint through the real bridge: the scaled-down SD-1.5-layout checkpoint
 * placed in {@code <home>/models/} as a user would, a brand's dataset, the job's loss in {@code jobs.progress}, a
 * kohya file the engine's LoRA path reads, and the brand's generations on that checkpoint changed by it.
 */
class CheckpointAdaptersBridgeTest {
    private static final String MODEL = "house-sd-1.5";
    private static final Path TINY = Path.of("..", "engine", "src", "test", "resources", "io", "atelier", "engine",
            "sd", "tiny-sd15.safetensors");
    private static final AdapterTrainingOptions SMALL = AdapterTrainingOptions.defaults().withBatch(2)
            .withCheckpointEvery(3).withRegularisation(0.25, 2).withResolution(64);
    private static TestBridge bridge;
    private static AdapterServices services;
    private static String maison;

    @BeforeAll
    static void start() throws Exception {
        bridge = TestBridge.startWith(b -> {
            Path home = b.config().home();
            try {
                Files.copy(TINY, Files.createDirectories(home.resolve("models")).resolve("House SD 1.5.safetensors"));
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            ModelRegistry registry = new ModelRegistry(home, home.resolve("cache"));
            DiffusionEngine engine = new DiffusionEngine(registry, EngineOptions.defaults(home.resolve("cache")));
            GeneratingBridge.install(b, engine);
            services = AdapterServices.install(b, registry, AdapterServices.noEvaluation(), SMALL);
        });
        String admin = bridge.adminToken();
        ok(admin, "brands.create", "{\"id\":\"maison\",\"displayName\":\"Maison Exemple\"}");
        maison = bridge.scopedToken("maison");
        BridgeCalls.addGeneratorFlats(bridge, maison, "maison", 3, "robe verte");
    }

    @AfterAll
    static void stop() throws Exception {
        bridge.close();
    }

    @Test
    void training_on_a_checkpoint_reports_loss_and_publishes_a_kohya_lora_its_generations_apply() throws Exception {
        List<JobsProgressNotification> progress = new CopyOnWriteArrayList<>();
        try (AtelierClient client = AtelierClient.create(bridge.url(""), maison);
             AtelierSocket socket = client.openSocket(new NotificationListener() {
                 @Override
                 public void onProgress(JobsProgressNotification notification) {
                     progress.add(notification);
                 }
             })) {
            String jobId = socket.call("adapters.train", Map.of("brand", "maison", "steps", 6, "rank", 4,
                    "model", MODEL)).path("jobId").asText();
            JobsFinishedNotification finished = socket.awaitFinished(jobId, Duration.ofMinutes(8));
            assertEquals(JobStatus.SUCCEEDED, finished.status(), String.valueOf(finished));
        }
        assertFalse(progress.isEmpty());
        assertTrue(progress.stream().allMatch(p -> p.loss() != null && p.loss() > 0), "each step carries its loss");

        JsonNode newest = ok(maison, "adapters.list", "{\"brand\":\"maison\"}").path("adapters").get(0);
        assertEquals(MODEL, newest.path("baseModel").asText(), newest::toString);
        assertEquals(4, newest.path("rank").asInt());
        assertTrue(newest.path("isCurrent").asBoolean());

        // The published file: kohya names the engine's LoRA path maps, the checkpoint's SHA-256 in its metadata.
        var spec = services.resolver().resolve(BrandScope.of(List.of("maison")), "maison", null, null);
        var file = SafeTensors.read(Files.readAllBytes(spec.file()));
        assertEquals(Sha256.of(TINY), file.metadata().get("atelier.base_model_sha256"));
        try (SafeTensorsFile checkpoint = SafeTensorsFile.open(TINY)) {
            var config = CheckpointInspector.inspect(checkpoint);
            assertEquals(128, KohyaLora.read(spec.file(), config, DiffusersNames.of(config)).deltas().size());
        }

        // The brand's generations on the checkpoint apply it; at adapterWeight 0 they are the base model's.
        String request = "{\"prompt\":\"robe verte\",\"brand\":\"maison\",\"model\":\"" + MODEL
                + "\",\"width\":64,\"height\":64,\"seed\":3,\"steps\":4";
        int[] branded = generated(request + "}");
        int[] base = generated(request + ",\"adapterWeight\":0}");
        assertFalse(java.util.Arrays.equals(branded, base), "the brand's SD adapter changes the image");

        // The judge's evaluation reads atelier-micro's flats only: an SD adapter is refused at once, by name.
        JsonNode evaluate = bridge.call(maison, "adapters.evaluate", "{\"brand\":\"maison\",\"adapter\":\""
                + newest.path("id").asText() + "\"}").path("error");
        assertEquals(-32602, evaluate.path("code").asInt(), evaluate::toString);
        assertEquals("adapter", evaluate.path("data").path("field").asText(), evaluate::toString);
    }

    @Test
    void an_unknown_model_is_refused_naming_the_field() throws Exception {
        JsonNode answer = bridge.call(maison, "adapters.train", "{\"brand\":\"maison\",\"model\":\"nope\"}");
        assertEquals(-32602, answer.path("error").path("code").asInt(), answer::toString);
        assertEquals("model", answer.path("error").path("data").path("field").asText(), answer::toString);
        assertTrue(answer.toString().contains("nope"), answer::toString);
    }

    private static int[] generated(String params) throws Exception {
        return BridgeCalls.generated(bridge, maison, params);
    }

    private static JsonNode awaitJob(String jobId) throws Exception {
        return BridgeCalls.awaitJob(bridge, maison, jobId);
    }

    private static JsonNode ok(String token, String method, String params) throws Exception {
        return BridgeCalls.ok(bridge, token, method, params);
    }
}
