package io.atelier.bridge.adapters;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.atelier.bridge.generate.GeneratingBridge;
import io.atelier.bridge.rpc.AtelierException;
import io.atelier.bridge.support.BridgeCalls;
import io.atelier.bridge.support.TestBridge;
import io.atelier.brands.BrandScope;
import io.atelier.brands.adapter.AdapterRecord;
import io.atelier.brands.adapter.AdapterSpec;
import io.atelier.brands.adapter.AdapterStatus;
import io.atelier.brands.safetensors.SafeTensors;
import io.atelier.brands.training.AdapterTrainingOptions;
import io.atelier.client.AtelierClient;
import io.atelier.client.AtelierSocket;
import io.atelier.client.NotificationListener;
import io.atelier.engine.DiffusionEngine;
import io.atelier.engine.EngineOptions;
import io.atelier.engine.model.ModelRegistry;
import io.atelier.micro.model.AtelierMicroModel;
import io.atelier.protocol.JobStatus;
import io.atelier.protocol.JobsProgressNotification;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** adapters.* over a real bridge: training as a job on the shipped atelier-micro, brand scope, cancel, resume. */
class AdaptersServiceTest {
    private static final AdapterTrainingOptions SMALL = AdapterTrainingOptions.defaults().withBatch(2)
            .withCheckpointEvery(2).withRegularisation(0.25, 2);
    private static TestBridge bridge;
    private static AdapterServices services;
    private static String admin;
    private static String maison;
    private static String autre;

    @BeforeAll
    static void start() throws Exception {
        bridge = TestBridge.startWith(b -> {
            ModelRegistry registry = new ModelRegistry(b.config().home(), b.config().home().resolve("cache"));
            registry.registerEmbedded(AtelierMicroModel.class.getClassLoader(), AtelierMicroModel.RESOURCE_FOLDER,
                    true);
            DiffusionEngine engine = new DiffusionEngine(registry,
                    EngineOptions.defaults(b.config().home().resolve("cache")));
            GeneratingBridge.install(b, engine);
            services = AdapterServices.install(b, registry,
                    new AdapterEvaluations(b.brandStore(), () -> engine, b.config().home(), 1, 3, 64), SMALL);
        });
        admin = bridge.adminToken();
        ok(admin, "brands.create", BridgeCalls.MAISON_EXEMPLE);
        ok(admin, "brands.create", "{\"id\":\"autre\",\"displayName\":\"Autre\"}");
        maison = bridge.scopedToken("maison");
        autre = bridge.scopedToken("autre");
        BridgeCalls.addGeneratorFlats(bridge, maison, "maison", 3, "robe vert Exemple");
    }

    @AfterAll
    static void stop() throws Exception {
        bridge.close();
    }

    @Test
    void training_reports_loss_publishes_a_current_adapter_and_generation_resolves_it() throws Exception {
        List<JobsProgressNotification> progress = BridgeCalls.train(bridge, maison,
                Map.of("brand", "maison", "steps", 4));
        assertFalse(progress.isEmpty());
        assertTrue(progress.stream().allMatch(p -> p.loss() != null && p.loss() > 0), "each step carries its loss");
        JsonNode adapters = ok(maison, "adapters.list", "{\"brand\":\"maison\"}").path("adapters");
        JsonNode newest = adapters.get(0);
        assertTrue(newest.path("isCurrent").asBoolean());
        assertEquals(4, newest.path("steps").asInt());
        assertEquals(3, newest.path("datasetItems").asInt());
        // adapters.evaluate: a job whose result is the contact sheet; the evaluation is stored on the adapter.
        String adapterId = newest.path("id").asText();
        String evalJob = ok(maison, "adapters.evaluate", "{\"brand\":\"maison\",\"adapter\":\"" + adapterId + "\"}")
                .path("jobId").asText();
        JsonNode job = awaitJob(evalJob);
        assertEquals("succeeded", job.path("status").asText(), job.toString());
        JsonNode evaluated = ok(maison, "adapters.list", "{\"brand\":\"maison\"}").path("adapters").get(0)
                .path("evaluation");
        assertTrue(evaluated.path("contactSheet").path("id").isTextual(), evaluated.toString());
        assertTrue(evaluated.path("brandCodeRateWith").isNumber());
        assertTrue(evaluated.path("houseDetailRateWith").isMissingNode(),
                "no detail detector is declared for this brand, so no detail figure is claimed: " + evaluated);
        // A brand that declares no colour has no code to measure: refused at once, naming the palette.
        ok(admin, "brands.update", "{\"brand\":\"maison\",\"palette\":[]}");
        JsonNode refused = bridge.call(maison, "adapters.evaluate", "{\"brand\":\"maison\",\"adapter\":\""
                + adapterId + "\"}").path("error");
        assertEquals(-32602, refused.path("code").asInt(), refused.toString());
        assertEquals("palette", refused.path("data").path("field").asText(), refused.toString());
        ok(admin, "brands.update", "{\"brand\":\"maison\",\"palette\":[{\"name\":\"vert Exemple\","
                + "\"hex\":\"#1A8C8C\"}]}");
        // images.generate with the brand applies its current adapter (recorded in history); adapterWeight 0 is the base.
        int[] branded = generated("{\"prompt\":\"robe vert Exemple\",\"brand\":\"maison\",\"seed\":3,\"steps\":4}");
        int[] base = generated("{\"prompt\":\"robe vert Exemple\",\"brand\":\"maison\",\"seed\":3,\"steps\":4,"
                + "\"adapterWeight\":0}");
        assertFalse(java.util.Arrays.equals(branded, base), "the brand's adapter changes the image");
        JsonNode history = ok(maison, "history.search", "{\"brand\":\"maison\",\"limit\":5}");
        assertTrue(history.toString().contains(adapterId), "history records the adapter: " + history);
        // Picking the house brings its codes without its words: the trigger its adapter learnt them under leads the
        // model's prompt; at adapterWeight 0 (the base model) it does not.
        // "robe" alone then reads exactly as "robe vert Exemple" (the house word means the trigger): same model
        // prompt, same pixels for the same seed.
        int[] wordless = generated("{\"prompt\":\"robe\",\"brand\":\"maison\",\"seed\":5,\"steps\":4}");
        int[] worded = generated("{\"prompt\":\"robe vert Exemple\",\"brand\":\"maison\",\"seed\":5,\"steps\":4}");
        assertArrayEquals(worded, wordless, "the house's codes come with the house, named or not");
        generated("{\"prompt\":\"robe rouge\",\"brand\":\"maison\",\"seed\":5,\"steps\":4}");
        generated("{\"prompt\":\"jupe\",\"brand\":\"maison\",\"seed\":5,\"steps\":4,\"adapterWeight\":0}");
        JsonNode latest = ok(maison, "history.search", "{\"brand\":\"maison\",\"limit\":4}").path("records");
        java.util.Map<String, String> resolved = new java.util.HashMap<>();
        latest.forEach(r -> resolved.put(r.path("request").path("prompt").asText(), r.path("resolvedPrompt").asText()));
        assertEquals(resolved.get("robe vert Exemple"), resolved.get("robe"), resolved.toString());
        assertTrue(resolved.get("robe rouge").startsWith("brand_0 "), resolved.toString());
        assertFalse(resolved.get("jupe").contains("brand_0"), resolved.toString());
        // images.generate with the brand: the current adapter, at weight 1; without a brand: none.
        AdapterResolver resolver = services.resolver();
        var spec = resolver.resolve(BrandScope.of(List.of("maison")), "maison", null, null);
        assertNotNull(spec);
        assertEquals(1.0, spec.weight());
        var file = SafeTensors.read(Files.readAllBytes(spec.file()));
        assertEquals("maison", file.metadata().get("atelier.brand"));
        assertEquals("brand_0", file.metadata().get("atelier.trigger_token"));
        assertTrue(file.metadata().get("atelier.base_model_sha256").length() == 64);
        assertNull(resolver.resolve(BrandScope.admin(), null, null, null));
        assertEquals(0.5, resolver.resolve(BrandScope.admin(), "maison", newest.path("id").asText(), 0.5).weight());
        var outOfRange = assertThrows(AtelierException.class,
                () -> resolver.resolve(BrandScope.admin(), "maison", null, 2.5));
        assertEquals(-32602, outOfRange.code());
        var foreign = assertThrows(AtelierException.class,
                () -> resolver.resolve(BrandScope.of(List.of("autre")), "maison", null, null));
        assertEquals(-32004, foreign.code());
    }

    @Test
    void another_brands_adapters_read_exactly_like_missing_ones() throws Exception {
        for (String method : List.of("adapters.list", "adapters.train")) {
            JsonNode hidden = bridge.call(autre, method, "{\"brand\":\"maison\"}").path("error");
            JsonNode missing = bridge.call(autre, method, "{\"brand\":\"nobody\"}").path("error");
            assertEquals(-32004, hidden.path("code").asInt(), method);
            assertEquals(missing, hidden, method);
        }
        JsonNode evaluate = bridge.call(autre, "adapters.evaluate", "{\"brand\":\"maison\",\"adapter\":\"maison-v1\"}");
        assertEquals(-32004, evaluate.path("error").path("code").asInt());
    }

    @Test
    void cancelled_training_publishes_nothing_and_leaves_no_work_folder() throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        try (AtelierClient client = AtelierClient.create(bridge.url(""), maison);
             AtelierSocket socket = client.openSocket(new NotificationListener() {
                 @Override
                 public void onProgress(JobsProgressNotification notification) {
                     started.countDown();
                 }
             })) {
            String jobId = socket.call("adapters.train", Map.of("brand", "maison", "steps", 5000)).path("jobId")
                    .asText();
            assertTrue(started.await(8, TimeUnit.MINUTES));
            socket.call("jobs.cancel", Map.of("jobId", jobId));
            assertEquals(JobStatus.CANCELLED, socket.awaitFinished(jobId, Duration.ofMinutes(2)).status());
        }
        AdapterRecord cancelled = bridge.bridge().brandStore().adapters().list(BrandScope.admin(), "maison").stream()
                .filter(a -> a.spec().steps() == 5000).findFirst().orElseThrow();
        assertEquals(AdapterStatus.CANCELLED, cancelled.status());
        assertNull(cancelled.filePath());
        assertFalse(Files.exists(AdapterTrainingJob.workDir(bridge.home(), cancelled.id())));
    }

    @Test
    void a_training_interrupted_by_a_restart_is_resumed_and_published() throws Exception {
        var store = bridge.bridge().brandStore();
        // What a crash leaves: a registered version still in training, with no job running it.
        AdapterRecord left = store.adapters().begin(BrandScope.admin(), "maison", new AdapterSpec("atelier-micro",
                null, store.datasets().datasetSha256(BrandScope.admin(), "maison"), 3, 2, 8, 1e-3, 5L));
        assertTrue(services.resumeInterrupted().contains(left.id()));
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(8);
        AdapterRecord now = left;
        while (now.status() == AdapterStatus.TRAINING && System.nanoTime() < deadline) {
            Thread.sleep(200);
            now = store.adapters().get(BrandScope.admin(), left.id());
        }
        assertEquals(AdapterStatus.READY, now.status());
        assertTrue(Files.exists(bridge.home().resolve(now.filePath())));
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
