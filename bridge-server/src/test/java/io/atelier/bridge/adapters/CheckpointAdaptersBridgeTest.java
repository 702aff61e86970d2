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
import io.atelier.engine.DiffusionEngine;
import io.atelier.engine.EngineOptions;
import io.atelier.engine.model.ModelRegistry;
import io.atelier.engine.model.Sha256;
import io.atelier.engine.safetensors.SafeTensorsFile;
import io.atelier.engine.sd.CheckpointInspector;
import io.atelier.engine.sd.DiffusersNames;
import io.atelier.engine.sd.KohyaLora;
import io.atelier.protocol.JobsProgressNotification;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code adapters.train} on an SD-1.5 checkpoint through the real bridge: the scaled-down SD-1.5-layout checkpoint
 * placed in {@code <home>/models/} as a user would, a brand's dataset, the job's loss in {@code jobs.progress}, a
 * kohya file the engine's LoRA path reads, the brand's generations on that checkpoint changed by it and led by its
 * trigger, and {@code adapters.evaluate} on it: the house colour and colour drift measured on the checkpoint's images,
 * the judge's figures absent with their reason. A random checkpoint draws noise, so no figure's value is asserted.
 */
class CheckpointAdaptersBridgeTest {
    private static final String MODEL = "house-sd-1.5";
    private static final Path TINY = Path.of("..", "engine", "src", "test", "resources", "io", "atelier", "engine",
            "sd", "tiny-sd15.safetensors");
    private static final AdapterTrainingOptions SMALL = AdapterTrainingOptions.defaults().withBatch(2)
            .withCheckpointEvery(3).withRegularisation(0.25, 2).withResolution(64);
    private static final int EVALUATION_SIZE = 64;
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
            services = AdapterServices.install(b, registry,
                    new AdapterEvaluations(b.brandStore(), () -> engine, home, 1, 2, EVALUATION_SIZE), SMALL);
        });
        String admin = bridge.adminToken();
        ok(admin, "brands.create", BridgeCalls.MAISON_EXEMPLE);
        maison = bridge.scopedToken("maison");
        BridgeCalls.addGeneratorFlats(bridge, maison, "maison", 3, "robe verte");
    }

    @AfterAll
    static void stop() throws Exception {
        bridge.close();
    }

    @Test
    void training_on_a_checkpoint_reports_loss_and_publishes_a_kohya_lora_its_generations_apply() throws Exception {
        List<JobsProgressNotification> progress = BridgeCalls.train(bridge, maison,
                Map.of("brand", "maison", "steps", 6, "rank", 4, "model", MODEL));
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

        // The house's codes come with the house on the checkpoint too: the trigger heads the prompt the model got.
        JsonNode records = ok(maison, "history.search", "{\"brand\":\"maison\",\"limit\":2}").path("records");
        assertEquals("green dress", records.get(0).path("resolvedPrompt").asText(), "adapterWeight 0: no trigger");
        assertEquals("brand_0 green dress", records.get(1).path("resolvedPrompt").asText(), records::toString);
    }

    @Test
    void evaluating_a_checkpoint_adapter_measures_the_house_colour_and_drift_and_names_the_judge_figures_left_out()
            throws Exception {
        String adapterId = trained();
        JsonNode job = awaitJob(ok(maison, "adapters.evaluate", "{\"brand\":\"maison\",\"adapter\":\""
                + adapterId + "\"}").path("jobId").asText());
        assertEquals("succeeded", job.path("status").asText(), job::toString);

        JsonNode evaluation = adapter(adapterId).path("evaluation");
        for (String rate : List.of("brandCodeRateWith", "brandCodeRateWithout", "plainCodeRateWith",
                "brandCodeRateWithFrench", "brandCodeRateWithEnglish", "plainColourDrift", "brandColourDrift")) {
            double value = evaluation.path(rate).asDouble(-1);
            assertTrue(evaluation.path(rate).isNumber() && value >= 0 && value <= 1, rate + ": " + evaluation);
        }
        assertTrue(evaluation.path("brandColourDrift").asDouble() > 0, "the adapter changes the pixels: " + evaluation);
        assertEquals(EVALUATION_SIZE, evaluation.path("imageSize").asInt(), evaluation::toString);
        assertEquals(2, evaluation.path("samplerSteps").asInt());
        assertEquals(1, evaluation.path("seedsPerPrompt").asInt());
        // Judge figures are absent, not zero, each named with the reason.
        assertTrue(evaluation.path("forgettingPoints").isMissingNode(), evaluation::toString);
        assertTrue(evaluation.path("brandCategoryAgreementWith").isMissingNode(), evaluation::toString);
        Map<String, String> notMeasured = new java.util.HashMap<>();
        evaluation.path("notMeasured").forEach(n -> notMeasured.put(n.path("field").asText(),
                n.path("reason").asText()));
        assertTrue(notMeasured.get("forgettingPoints").contains("judge"), notMeasured::toString);
        assertTrue(notMeasured.containsKey("brandCategoryAgreementWith"), notMeasured::toString);
        assertTrue(notMeasured.containsKey("houseDetailRateWith"), "no detail detector: " + notMeasured);

        // The contact sheet: one column per French prompt (1 branded + 6 plain), without above and with below.
        String url = evaluation.path("contactSheet").path("url").asText();
        assertEquals(job.path("results").get(0).path("id").asText(), evaluation.path("contactSheet").path("id")
                .asText());
        try (okhttp3.Response response = bridge.http().newCall(new okhttp3.Request.Builder().url(bridge.url(url))
                .header("Authorization", "Bearer " + maison).build()).execute()) {
            var sheet = javax.imageio.ImageIO.read(new java.io.ByteArrayInputStream(response.body().bytes()));
            assertEquals(7 * EVALUATION_SIZE, sheet.getWidth());
            assertTrue(sheet.getHeight() > 2 * EVALUATION_SIZE, () -> "two rows: " + sheet.getHeight());
        }
    }

    @Test
    void an_unknown_model_is_refused_naming_the_field() throws Exception {
        JsonNode answer = bridge.call(maison, "adapters.train", "{\"brand\":\"maison\",\"model\":\"nope\"}");
        assertEquals(-32602, answer.path("error").path("code").asInt(), answer::toString);
        assertEquals("model", answer.path("error").path("data").path("field").asText(), answer::toString);
        assertTrue(answer.toString().contains("nope"), answer::toString);
    }

    /** The brand's ready adapter on the checkpoint, trained here when no test has trained one yet. */
    private static synchronized String trained() throws Exception {
        JsonNode adapters = ok(maison, "adapters.list", "{\"brand\":\"maison\"}").path("adapters");
        if (!adapters.isEmpty()) {
            return adapters.get(0).path("id").asText();
        }
        JsonNode job = awaitJob(ok(maison, "adapters.train", "{\"brand\":\"maison\",\"steps\":6,\"rank\":4,"
                + "\"model\":\"" + MODEL + "\"}").path("jobId").asText());
        assertEquals("succeeded", job.path("status").asText(), job::toString);
        return ok(maison, "adapters.list", "{\"brand\":\"maison\"}").path("adapters").get(0).path("id").asText();
    }

    private static JsonNode adapter(String id) throws Exception {
        for (JsonNode adapter : ok(maison, "adapters.list", "{\"brand\":\"maison\"}").path("adapters")) {
            if (adapter.path("id").asText().equals(id)) {
                return adapter;
            }
        }
        throw new AssertionError("no adapter " + id);
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
