package io.atelier.bridge.generate;

import static io.atelier.bridge.generate.Generation.WAIT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.atelier.client.AtelierClient;
import io.atelier.client.AtelierSocket;
import io.atelier.client.NotificationListener;
import io.atelier.engine.image.Provenance;
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
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** images.generate over a real bridge, the typed java-client, a real WebSocket and the tiny TorchScript model. */
class ImagesGenerateTest {
    private static GenerationTestBridge bridge;
    private static AtelierClient client;
    private static AtelierSocket socket;

    @BeforeAll
    static void start() throws Exception {
        bridge = new GenerationTestBridge();
        client = bridge.client();
        socket = bridge.socket();
    }

    @AfterAll
    static void stop() throws Exception {
        bridge.close();
    }

    @Test
    void text_to_image_succeeds_and_the_served_png_carries_its_provenance() {
        List<ImageRef> results = Generation.run(socket, Generation.seeded("red stripes dress belt", 7));
        assertEquals(1, results.size());
        ImageRef ref = results.get(0);
        assertEquals(64, ref.width());
        byte[] png = client.fetchImage(ref);
        String chunks = Generation.chunksText(png);
        assertTrue(chunks.contains("XML:com.adobe.xmp"), "XMP packet");
        assertTrue(chunks.contains("Iptc4xmpExt:DigitalSourceType=\"" + Provenance.TRAINED + "\""));
        assertTrue(chunks.contains("atelier:model=\"atelier-tiny\""));
        assertNotNull(Generation.recordId(png), "the history record id is in the XMP");
        assertTrue(chunks.contains("parameters"), "no brand: the A1111 parameters chunk is allowed");
        assertTrue(chunks.contains("Seed: 7"), chunks.length() + " bytes");
    }

    @Test
    void the_same_seed_gives_identical_pixels_and_another_seed_different_ones() {
        BufferedImage first = Generation.pixels(client, Generation.run(socket, Generation.seeded("blue skirt", 11)).get(0));
        BufferedImage again = Generation.pixels(client, Generation.run(socket, Generation.seeded("blue skirt", 11)).get(0));
        BufferedImage other = Generation.pixels(client, Generation.run(socket, Generation.seeded("blue skirt", 12)).get(0));
        assertTrue(Generation.samePixels(first, again), "same seed, same pixels");
        assertFalse(Generation.samePixels(first, other), "another seed, other pixels");
    }

    @Test
    void regenerating_a_selection_keeps_every_pixel_outside_the_mask() {
        BufferedImage init = new BufferedImage(64, 64, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = init.createGraphics();
        g.setColor(new Color(200, 40, 40));
        g.fillRect(0, 0, 64, 64);
        g.setColor(new Color(20, 20, 160));
        g.fillRect(8, 8, 24, 48);
        g.dispose();
        BufferedImage mask = new BufferedImage(64, 64, BufferedImage.TYPE_BYTE_GRAY);
        Graphics2D m = mask.createGraphics();
        m.setColor(Color.WHITE);
        m.fillRect(32, 0, 32, 64); // regenerate the right half
        m.dispose();
        ImagesGenerateParams params = new ImagesGenerateParams("green dress", null, "en", null, null, null, null,
                null, null, null, null, null, 5L, null, ImageInput.ofBase64(Generation.base64Png(init)), null,
                ImageInput.ofBase64(Generation.base64Png(mask)), null);
        ImageRef ref = Generation.run(socket, params).get(0);
        byte[] png = client.fetchImage(ref);
        BufferedImage out = Generation.decode(png);
        int changedInside = 0;
        for (int y = 0; y < 64; y++) {
            for (int x = 0; x < 64; x++) {
                if (x < 32) {
                    assertEquals(init.getRGB(x, y), out.getRGB(x, y), "outside the mask at " + x + "," + y);
                } else if (init.getRGB(x, y) != out.getRGB(x, y)) {
                    changedInside++;
                }
            }
        }
        assertTrue(changedInside > 0, "the selection was regenerated");
        assertTrue(Generation.chunksText(png).contains(Provenance.COMPOSITE), "the user's pixels are in it");
    }

    @Test
    void n_steps_give_n_progress_notifications_over_the_websocket_then_finished() throws Exception {
        List<Object> events = new CopyOnWriteArrayList<>();
        try (AtelierSocket listening = client.openSocket(new NotificationListener() {
            @Override
            public void onProgress(JobsProgressNotification progress) {
                events.add(progress);
            }

            @Override
            public void onFinished(JobsFinishedNotification finished) {
                events.add(finished);
            }
        })) {
            ImagesGenerateParams params = new ImagesGenerateParams("yellow tshirt", null, null, null, null, null,
                    null, null, null, 6, null, null, 3L, null, null, null, null, null);
            String jobId = listening.service(ImagesService.class).generate(params).jobId();
            assertEquals(JobStatus.SUCCEEDED, listening.awaitFinished(jobId, WAIT).status());
            Thread.sleep(100); // the listener thread delivers in order; let it catch up with awaitFinished
            assertEquals(7, events.size(), events::toString);
            for (int step = 1; step <= 6; step++) {
                JobsProgressNotification progress = (JobsProgressNotification) events.get(step - 1);
                assertEquals(jobId, progress.jobId());
                assertEquals(step, progress.step());
                assertEquals(6, progress.totalSteps());
            }
            assertNotNull(((JobsProgressNotification) events.get(0)).preview(), "a cheap preview on the first step");
            assertTrue(events.get(6) instanceof JobsFinishedNotification, "finished comes last");
        }
    }

    @Test
    void cancel_mid_run_ends_the_job_cancelled_within_a_step() throws Exception {
        List<Integer> steps = new CopyOnWriteArrayList<>();
        int[] stepAtCancel = {0};
        String[] job = {null};
        AtelierSocket[] self = {null};
        try (AtelierSocket listening = client.openSocket(new NotificationListener() {
            @Override
            public void onProgress(JobsProgressNotification progress) {
                steps.add(progress.step());
                if (progress.step() == 3) {
                    stepAtCancel[0] = 3;
                    self[0].call("jobs.cancel", Map.of("jobId", progress.jobId()));
                }
            }
        })) {
            self[0] = listening;
            // count 8 with guidance: every step is 16 UNet rows, slow enough to see where it stopped.
            ImagesGenerateParams params = new ImagesGenerateParams("pink bomber", null, null, null, null, null, null,
                    null, null, 150, null, null, 9L, 8, null, null, null, null);
            job[0] = listening.service(ImagesService.class).generate(params).jobId();
            JobsFinishedNotification finished = listening.awaitFinished(job[0], WAIT);
            assertEquals(JobStatus.CANCELLED, finished.status());
            assertEquals(-32007, finished.error().code());
            int last = steps.stream().mapToInt(Integer::intValue).max().orElse(0);
            // The flag is read before every step: at most the step running when it was raised finishes, plus the
            // one whose notification was in flight while the cancel travelled.
            assertTrue(last <= stepAtCancel[0] + 2, "last step " + last + " after cancel at " + stepAtCancel[0]);
            JsonNode record = client.call("jobs.get", Map.of("jobId", job[0]));
            assertEquals("cancelled", record.path("status").asText());
        }
    }

    @Test
    void regenerating_from_the_history_record_gives_identical_pixels() {
        ImageRef ref = Generation.run(socket, Generation.params("robe noire à rayures, ceinture")).get(0);
        byte[] png = client.fetchImage(ref);
        JsonNode record = client.call("history.get", Map.of("id", Generation.recordId(png)));
        assertEquals("images.generate", record.path("kind").asText());
        assertEquals("atelier-tiny", record.path("model").asText());
        assertFalse(record.path("modelSha256").asText().isEmpty());
        assertEquals("atelier-java-client", record.path("client").asText().split(" ")[0]);
        assertEquals(ref.id(), record.path("images").get(0).path("id").asText());
        assertTrue(record.path("seed").isNumber(), "the seed actually used, though none was asked for");

        // Regenerate: the params as recorded, with the recorded seed.
        ImagesGenerateParams again = client.mapper().convertValue(record.path("request"), ImagesGenerateParams.class);
        again = withSeed(again, record.path("seed").asLong());
        BufferedImage regenerated = Generation.pixels(client, Generation.run(socket, again).get(0));
        assertTrue(Generation.samePixels(Generation.decode(png), regenerated));
    }

    @Test
    void french_and_english_prompts_resolve_to_one_canonical_prompt_and_the_same_pixels() {
        byte[] fr = client.fetchImage(Generation.run(socket, Generation.seeded("robe rouge à rayures", 21)).get(0));
        byte[] en = client.fetchImage(Generation.run(socket, Generation.seeded("red striped dress", 21)).get(0));
        JsonNode frRecord = client.call("history.get", Map.of("id", Generation.recordId(fr)));
        JsonNode enRecord = client.call("history.get", Map.of("id", Generation.recordId(en)));
        assertEquals("red stripes dress", frRecord.path("resolvedPrompt").asText());
        assertEquals(frRecord.path("resolvedPrompt"), enRecord.path("resolvedPrompt"));
        assertTrue(Generation.samePixels(Generation.decode(fr), Generation.decode(en)));
    }

    @Test
    void models_list_shows_the_installed_models_and_the_default() {
        JsonNode models = client.call("models.list", Map.of()).path("models");
        assertEquals("atelier-tiny", models.get(0).path("id").asText(), "the default comes first");
        assertTrue(models.get(0).path("isDefault").asBoolean());
        assertTrue(models.toString().contains("\"broken\""), "packages under <home>/models are listed");
    }

    private static ImagesGenerateParams withSeed(ImagesGenerateParams p, long seed) {
        return new ImagesGenerateParams(p.prompt(), p.negativePrompt(), p.lang(), p.brand(), p.adapter(),
                p.adapterWeight(), p.model(), p.width(), p.height(), p.steps(), p.guidance(), p.sampler(), seed,
                p.count(), p.initImage(), p.strength(), p.mask(), p.palette());
    }
}
