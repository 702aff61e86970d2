package io.atelier.bridge.generate;

import static io.atelier.bridge.generate.Generation.WAIT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.atelier.client.AtelierClient;
import io.atelier.client.AtelierRpcException;
import io.atelier.client.AtelierSocket;
import io.atelier.client.NotificationListener;
import io.atelier.engine.image.Provenance;
import io.atelier.engine.model.Sha256;
import io.atelier.protocol.ImageInput;
import io.atelier.protocol.ImageRef;
import io.atelier.protocol.ImagesGenerateParams;
import io.atelier.protocol.JobStatus;
import io.atelier.protocol.JobsFinishedNotification;
import io.atelier.protocol.JobsProgressNotification;
import io.atelier.protocol.service.ImagesService;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A Stable Diffusion 1.5 checkpoint dropped into {@code <home>/models/} serves every generation feature through the
 * real bridge (Jetty on port 0, the java-client over HTTP and a WebSocket): listed with its family and native size
 * beside the files that cannot be used, text to image reproducible from history, redraw, regenerate selection,
 * cancel, prompts through the glossary. The checkpoint is the engine's scaled-down SD-1.5 layout (real key names,
 * random weights): the pictures mean nothing, the behaviour does.
 */
class CheckpointBridgeTest {
    private static final String FILE = "House SD 1.5.safetensors";
    private static final String MODEL = "house-sd-1.5";
    /** A second copy that one test removes while it generates, so the others keep theirs. */
    private static final String VANISHING = "vanishing";

    private static GenerationTestBridge bridge;
    private static AtelierClient client;
    private static AtelierSocket socket;

    @BeforeAll
    static void start() throws Exception {
        Path checkpoint = GenerationTestBridge.tinyCheckpoint();
        bridge = new GenerationTestBridge(home -> {
            Path models = Files.createDirectories(home.resolve("models"));
            Files.copy(checkpoint, models.resolve(FILE));
            Files.copy(checkpoint, models.resolve("Vanishing.safetensors"));
            byte[] whole = Files.readAllBytes(checkpoint);
            Files.write(models.resolve("half-copied.safetensors"), Arrays.copyOf(whole, whole.length / 2));
            Files.write(models.resolve("old.ckpt"), new byte[] {(byte) 0x80, 0x02, 0x7d, 0x71, 0x00, 0x2e});
        });
        client = bridge.client();
        socket = bridge.socket();
    }

    @AfterAll
    static void stop() throws Exception {
        bridge.close();
    }

    @Test
    void models_list_shows_the_checkpoint_and_names_every_file_it_cannot_use() throws Exception {
        JsonNode result = client.call("models.list", Map.of());
        JsonNode house = model(result, MODEL);
        assertNotNull(house, result::toString);
        assertEquals("sd1", house.path("family").asText());
        assertEquals("House SD 1.5", house.path("displayName").asText());
        assertEquals(512, house.path("nativeWidth").asInt());
        assertEquals(512, house.path("nativeHeight").asInt());
        assertFalse(house.path("isDefault").asBoolean());
        assertEquals("atelier-micro", model(result, "atelier-tiny").path("family").asText());
        // What a plugin picks from: a checkpoint's aspect buckets, native first; a package that declares none, its
        // native size alone.
        assertEquals("{\"width\":512,\"height\":512}", house.path("drawableSizes").get(0).toString());
        assertEquals(9, house.path("drawableSizes").size(), house::toString);
        JsonNode tinySizes = model(result, "atelier-tiny").path("drawableSizes");
        assertEquals(1, tinySizes.size(), tinySizes::toString);
        assertEquals(model(result, "atelier-tiny").path("nativeWidth").asInt(), tinySizes.get(0).path("width").asInt());
        assertEquals(null, model(result, "half-copied"), "a truncated file is not offered");

        List<String> problems = new ArrayList<>();
        result.path("problems").forEach(p -> problems.add(p.asText()));
        assertEquals(2, problems.size(), problems::toString);
        String truncated = problems.stream().filter(p -> p.contains("'half-copied.safetensors'")).findFirst()
                .orElseThrow();
        assertTrue(truncated.contains("truncated"), truncated);
        String pickle = problems.stream().filter(p -> p.contains("'old.ckpt'")).findFirst().orElseThrow();
        assertTrue(pickle.contains("refused") && pickle.contains(".safetensors"), pickle);
        String home = bridge.home().toAbsolutePath().toString();
        problems.forEach(p -> assertFalse(p.contains(home) || p.contains("/models/"), "no path in: " + p));

        // Dropped in while the bridge runs: listed by the next call, no restart.
        Files.copy(GenerationTestBridge.tinyCheckpoint(), bridge.home().resolve("models/Late Arrival.safetensors"));
        assertNotNull(model(client.call("models.list", Map.of()), "late-arrival"));
        // And the good file still generates beside the bad ones.
        assertEquals(64, Generation.run(socket, request("red dress", 64, 64, 1, 3L)).get(0).width());
    }

    @Test
    void text_to_image_on_the_checkpoint_names_it_in_provenance_and_reproduces_from_history() throws Exception {
        ImagesGenerateParams asked = request("oversized camel trench coat, belted", 128, 64, 4, null);
        ImageRef ref = Generation.run(socket, asked).get(0);
        assertEquals(128, ref.width());
        assertEquals(64, ref.height());
        byte[] png = client.fetchImage(ref);
        BufferedImage image = Generation.decode(png);
        assertEquals(128, image.getWidth());
        assertEquals(64, image.getHeight());
        String chunks = Generation.chunksText(png);
        assertTrue(chunks.contains("atelier:model=\"" + MODEL + "\""), "XMP names the checkpoint");
        assertTrue(chunks.contains("Iptc4xmpExt:DigitalSourceType=\"" + Provenance.TRAINED + "\""));

        JsonNode record = client.call("history.get", Map.of("id", Generation.recordId(png)));
        assertEquals(MODEL, record.path("model").asText());
        assertEquals(Sha256.of(GenerationTestBridge.tinyCheckpoint()), record.path("modelSha256").asText(),
                "a checkpoint's weights hash is its whole file's");
        ImagesGenerateParams again = client.mapper().convertValue(record.path("request"), ImagesGenerateParams.class);
        again = withSeed(again, record.path("seed").asLong());
        ImageRef regenerated = Generation.run(socket, again).get(0);
        assertTrue(Generation.samePixels(image, Generation.pixels(client, regenerated)), "same record, same pixels");
    }

    @Test
    void redraw_over_an_image_follows_it_more_closely_at_a_lower_strength() {
        BufferedImage photo = gradient();
        // Random weights cannot give the photo back; strength 0 gives its round trip through the VAE.
        BufferedImage roundTrip = redraw(photo, 0.0);
        BufferedImage light = redraw(photo, 0.25);
        BufferedImage strong = redraw(photo, 1.0);
        assertEquals(128, light.getWidth());
        assertEquals(64, light.getHeight());
        assertTrue(rms(light, roundTrip) < rms(strong, roundTrip), "a low strength stays nearer the init image");
    }

    @Test
    void regenerating_a_selection_on_the_checkpoint_keeps_every_pixel_outside_the_mask() {
        BufferedImage photo = gradient();
        BufferedImage mask = new BufferedImage(128, 64, BufferedImage.TYPE_BYTE_GRAY);
        Graphics2D g = mask.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(64, 0, 64, 64); // regenerate the right half
        g.dispose();
        ImagesGenerateParams params = new ImagesGenerateParams("green dress", null, "en", null, null, null, MODEL,
                null, null, 4, null, null, 5L, null, ImageInput.ofBase64(Generation.base64Png(photo)), null,
                ImageInput.ofBase64(Generation.base64Png(mask)), null);
        byte[] png = client.fetchImage(Generation.run(socket, params).get(0));
        BufferedImage out = Generation.decode(png);
        int changedInside = 0;
        for (int y = 0; y < 64; y++) {
            for (int x = 0; x < 128; x++) {
                if (x < 64) {
                    assertEquals(photo.getRGB(x, y), out.getRGB(x, y), "outside the mask at " + x + "," + y);
                } else if (photo.getRGB(x, y) != out.getRGB(x, y)) {
                    changedInside++;
                }
            }
        }
        assertTrue(changedInside > 64 * 64 / 2, changedInside + " pixels changed inside the selection");
        assertTrue(Generation.chunksText(png).contains(Provenance.COMPOSITE), "the user's pixels are in it");
    }

    @Test
    void cancel_over_the_websocket_stops_a_checkpoint_job() throws Exception {
        List<Integer> steps = new CopyOnWriteArrayList<>();
        AtelierSocket[] self = {null};
        try (AtelierSocket listening = client.openSocket(new NotificationListener() {
            @Override
            public void onProgress(JobsProgressNotification progress) {
                steps.add(progress.step());
                if (progress.step() == 2) {
                    self[0].call("jobs.cancel", Map.of("jobId", progress.jobId()));
                }
            }
        })) {
            self[0] = listening;
            ImagesGenerateParams params = new ImagesGenerateParams("pink bomber", null, null, null, null, null,
                    MODEL, 128, 64, 100, null, null, 9L, 4, null, null, null, null);
            String jobId = listening.service(ImagesService.class).generate(params).jobId();
            JobsFinishedNotification finished = listening.awaitFinished(jobId, WAIT);
            assertEquals(JobStatus.CANCELLED, finished.status());
            assertEquals(-32007, finished.error().code());
            int last = steps.stream().mapToInt(Integer::intValue).max().orElse(0);
            assertTrue(last <= 4, "last step " + last + " after cancel at step 2 of 100");
            assertEquals("cancelled", client.call("jobs.get", Map.of("jobId", jobId)).path("status").asText());
        }
    }

    @Test
    void french_words_reach_the_checkpoint_as_english_glossary_text() {
        JsonNode resolved = client.call("taxonomy.resolve", Map.of("text", "robe rouge à rayures", "model", MODEL));
        assertEquals("red striped dress", resolved.path("prompt").asText());

        byte[] png = client.fetchImage(Generation.run(socket, request("robe rouge à rayures", 64, 64, 2, 4L)).get(0));
        JsonNode record = client.call("history.get", Map.of("id", Generation.recordId(png)));
        assertEquals("red striped dress", record.path("resolvedPrompt").asText());
        assertEquals("robe rouge à rayures", record.path("request").path("prompt").asText());
    }

    @Test
    void a1111_emphasis_reaches_the_checkpoint_as_written_and_changes_the_image() {
        String emphasised = "(red dress:1.3), studio photo";
        byte[] png = client.fetchImage(Generation.run(socket, request(emphasised, 64, 64, 2, 6L)).get(0));
        JsonNode record = client.call("history.get", Map.of("id", Generation.recordId(png)));
        assertEquals(emphasised, record.path("resolvedPrompt").asText());
        BufferedImage plain = Generation.pixels(client,
                Generation.run(socket, request("red dress, studio photo", 64, 64, 2, 6L)).get(0));
        assertFalse(Generation.samePixels(Generation.decode(png), plain), "the weight reached the text encoder");
    }

    @Test
    void a_rescan_leaves_a_running_generation_alone_and_a_removed_checkpoint_answers_not_found() throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        try (AtelierSocket listening = client.openSocket(new NotificationListener() {
            @Override
            public void onProgress(JobsProgressNotification progress) {
                started.countDown();
            }
        })) {
            ImagesGenerateParams params = new ImagesGenerateParams("navy coat", null, null, null, null, null,
                    VANISHING, 128, 64, 30, null, null, 8L, 2, null, null, null, null);
            String jobId = listening.service(ImagesService.class).generate(params).jobId();
            assertTrue(started.await(WAIT.toSeconds(), TimeUnit.SECONDS), "the job started");
            // The model is loaded and running: its file goes, and models.list rescans meanwhile.
            Files.delete(bridge.home().resolve("models/Vanishing.safetensors"));
            assertEquals(null, model(client.call("models.list", Map.of()), VANISHING), "gone from the list");
            JobsFinishedNotification finished = listening.awaitFinished(jobId, WAIT);
            assertEquals(JobStatus.SUCCEEDED, finished.status(), () -> String.valueOf(finished.error()));
            assertEquals(2, finished.results().size());
        }
        AtelierRpcException refused = assertThrows(AtelierRpcException.class,
                () -> client.service(ImagesService.class).generate(request("navy coat", 64, 64, 1, 1L, VANISHING)));
        assertEquals(-32004, refused.code());
        assertEquals("model", refused.field());
        // The other checkpoints go on.
        assertEquals(64, Generation.run(socket, request("navy coat", 64, 64, 1, 1L)).get(0).width());
    }

    private static ImagesGenerateParams request(String prompt, int width, int height, int steps, Long seed) {
        return request(prompt, width, height, steps, seed, MODEL);
    }

    private static ImagesGenerateParams request(String prompt, int width, int height, int steps, Long seed,
                                                String model) {
        return new ImagesGenerateParams(prompt, null, null, null, null, null, model, width, height, steps, null, null,
                seed, null, null, null, null, null);
    }

    private static BufferedImage redraw(BufferedImage init, double strength) {
        ImagesGenerateParams params = new ImagesGenerateParams("dress", null, "en", null, null, null, MODEL, null,
                null, 4, null, null, 7L, null, ImageInput.ofBase64(Generation.base64Png(init)), strength, null, null);
        byte[] png = client.fetchImage(Generation.run(socket, params).get(0));
        assertTrue(Generation.chunksText(png).contains(Provenance.COMPOSITE), "a redraw holds the user's pixels");
        return Generation.decode(png);
    }

    private static BufferedImage gradient() {
        BufferedImage photo = new BufferedImage(128, 64, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < 64; y++) {
            for (int x = 0; x < 128; x++) {
                photo.setRGB(x, y, new Color(x * 2, y * 4, 200 - x).getRGB());
            }
        }
        return photo;
    }

    private static double rms(BufferedImage a, BufferedImage b) {
        int[] pa = Generation.argb(a);
        int[] pb = Generation.argb(b);
        double sum = 0;
        for (int i = 0; i < pa.length; i++) {
            for (int shift = 0; shift < 24; shift += 8) {
                int d = ((pa[i] >> shift) & 0xFF) - ((pb[i] >> shift) & 0xFF);
                sum += d * d;
            }
        }
        return Math.sqrt(sum / (pa.length * 3.0));
    }

    private static JsonNode model(JsonNode listing, String id) {
        for (JsonNode m : listing.path("models")) {
            if (id.equals(m.path("id").asText())) {
                return m;
            }
        }
        return null;
    }

    private static ImagesGenerateParams withSeed(ImagesGenerateParams p, long seed) {
        return new ImagesGenerateParams(p.prompt(), p.negativePrompt(), p.lang(), p.brand(), p.adapter(),
                p.adapterWeight(), p.model(), p.width(), p.height(), p.steps(), p.guidance(), p.sampler(), seed,
                p.count(), p.initImage(), p.strength(), p.mask(), p.palette());
    }
}
