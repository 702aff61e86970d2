package io.atelier.bridge.generate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.atelier.brands.palette.LabColour;
import io.atelier.brands.palette.PaletteLock;
import io.atelier.client.AtelierClient;
import io.atelier.client.AtelierRpcException;
import io.atelier.client.AtelierSocket;
import io.atelier.client.NotificationListener;
import io.atelier.protocol.ImageInput;
import io.atelier.protocol.ImageRef;
import io.atelier.protocol.ImagesGenerateParams;
import io.atelier.protocol.JobsFinishedNotification;
import io.atelier.protocol.service.ImagesService;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code images.generate}'s palette changes the pixels, through the real bridge on atelier-micro: for 12 prompts the
 * garment's mean colour (CIELAB, background left out) comes nearer the palette colour with the palette than without,
 * by the colour words alone and again with the lock.
 */
class PaletteAppliedTest {
    private static GenerationTestBridge bridge;
    private static AtelierClient admin;

    /** A prompt and a palette colour whose nearest taxonomy colour is not the prompt's own. */
    private record Case(String prompt, String hex) {
    }

    private static final List<Case> CASES = List.of(
            new Case("robe rouge", "#1a8c8c"), new Case("jupe bleue à rayures", "#d4af37"),
            new Case("sac à main noir", "#b0182f"), new Case("pantalon beige", "#1c2a58"),
            new Case("sweat gris", "#e07a10"), new Case("t-shirt jaune", "#6a2c91"),
            new Case("perfecto noir", "#8b5a2b"), new Case("blouson vert", "#f2a0c0"),
            new Case("red dress with a belt", "#2e7d32"), new Case("blue skirt", "#c62828"),
            new Case("pink t-shirt", "#1565c0"), new Case("brown trousers", "#9e9e9e"));

    @BeforeAll
    static void start() throws Exception {
        bridge = new GenerationTestBridge(home -> { }, "atelier-micro");
        admin = bridge.admin();
        admin.call("brands.create", Map.of("id", "maison", "displayName", "Maison",
                "palette", List.of(Map.of("name", "rouge Maison", "hex", "#b0182f"))));
    }

    @AfterAll
    static void stop() throws Exception {
        admin.close();
        bridge.close();
    }

    @Test
    void the_garment_comes_nearer_the_palette_colour_in_at_least_10_of_12_prompts() {
        try (AtelierSocket socket = admin.openSocket(NotificationListener.NONE)) {
            // A round's 12 generations are submitted before any is awaited, so the engine batches them (a token may
            // have 16 jobs queued).
            List<Double> without = round(socket, null);
            List<Double> withWords = round(socket, false);
            List<Double> withLock = round(socket, true);
            int nearerByWords = 0;
            int nearerLocked = 0;
            for (int i = 0; i < CASES.size(); i++) {
                nearerByWords += withWords.get(i) < without.get(i) ? 1 : 0;
                nearerLocked += withLock.get(i) < without.get(i) ? 1 : 0;
                System.out.printf(Locale.ROOT, "palette %-24s %s  ΔE without %5.1f  with words %5.1f  locked %5.1f%n",
                        CASES.get(i).prompt(), CASES.get(i).hex(), without.get(i), withWords.get(i), withLock.get(i));
            }
            System.out.printf(Locale.ROOT, "palette nearer: colour words %d/12, with the lock %d/12%n", nearerByWords,
                    nearerLocked);
            assertTrue(nearerByWords >= 10, "colour words brought " + nearerByWords + " of 12 nearer");
            assertTrue(nearerLocked >= 10, "the lock brought " + nearerLocked + " of 12 nearer");
        }
    }

    @Test
    void a_brand_palette_name_is_understood_and_a_colour_the_model_misses_is_noted_in_history() {
        try (AtelierSocket socket = admin.openSocket(NotificationListener.NONE)) {
            ImagesGenerateParams params = new ImagesGenerateParams("robe", null, null, "maison", null, null, null,
                    null, null, null, null, null, 42L, null, null, null, null, List.of("rouge Maison"), null, null,
                    true);
            ImageRef ref = Generation.run(socket, params).get(0);
            String recordId = Generation.recordId(admin.fetchImage(ref));
            var record = admin.call("history.get", Map.of("id", recordId));
            assertTrue(record.path("resolvedPrompt").asText().contains("red"), record.toString());
            double locked = PaletteLock.garmentMean(Generation.pixels(admin, ref)).deltaE(LabColour.ofHex("#b0182f"));
            // The mean takes in outlines and neutral areas the lock leaves alone, so it is near, not on, the colour.
            assertTrue(locked < PaletteOutcome.FAR, "locked garment at ΔE " + locked);
            // The history record says how near the model itself came when it was far (never silently).
            record.path("notes").forEach(n -> assertTrue(n.asText().contains("rouge Maison"), n.asText()));
        }
    }

    @Test
    void a_masked_redraw_is_not_locked_so_every_pixel_outside_the_mask_stays_and_history_says_why() {
        BufferedImage init = new BufferedImage(128, 128, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = init.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, 128, 128);
        g.setColor(new Color(200, 40, 40));
        g.fillRect(24, 16, 80, 96);
        g.dispose();
        BufferedImage mask = new BufferedImage(128, 128, BufferedImage.TYPE_BYTE_GRAY);
        Graphics2D m = mask.createGraphics();
        m.setColor(Color.WHITE);
        m.fillRect(64, 0, 64, 128);
        m.dispose();
        ImagesGenerateParams params = new ImagesGenerateParams("robe", null, null, null, null, null, null, null,
                null, null, null, null, 3L, null, ImageInput.ofBase64(Generation.base64Png(init)), null,
                ImageInput.ofBase64(Generation.base64Png(mask)), List.of("#1a8c8c"), null, null, true);
        try (AtelierSocket socket = admin.openSocket(NotificationListener.NONE)) {
            ImageRef ref = Generation.run(socket, params).get(0);
            byte[] png = admin.fetchImage(ref);
            BufferedImage out = Generation.decode(png);
            for (int y = 0; y < 128; y++) {
                for (int x = 0; x < 64; x++) {
                    assertEquals(init.getRGB(x, y), out.getRGB(x, y), "outside the mask at " + x + "," + y);
                }
            }
            var record = admin.call("history.get", Map.of("id", Generation.recordId(png)));
            assertTrue(record.path("notes").toString().contains("palette lock was not applied"), record.toString());
        }
    }

    @Test
    void an_invalid_hex_or_an_unknown_name_is_refused_naming_palette_and_the_bridge_stays_up() {
        ImagesService images = admin.service(ImagesService.class);
        for (List<String> palette : List.of(List.of("#12345"), List.of("#gg0000"), List.of("bleu Maison"))) {
            AtelierRpcException e = assertThrows(AtelierRpcException.class, () -> images.generate(
                    new ImagesGenerateParams("robe", null, null, "maison", null, null, null, null, null, null, null,
                            null, 1L, null, null, null, null, palette)));
            assertEquals(-32602, e.code(), palette.toString());
            assertEquals("palette", e.field(), palette.toString());
        }
        assertFalse(admin.call("models.list", Map.of()).path("models").isEmpty());
    }

    /**
     * ΔE*ab between each case's garment mean and its palette colour.
     *
     * @param lock null: no palette; false: colour words only; true: words and lock
     */
    private static List<Double> round(AtelierSocket socket, Boolean lock) {
        ImagesService images = socket.service(ImagesService.class);
        List<String> jobs = new ArrayList<>();
        for (int i = 0; i < CASES.size(); i++) {
            ImagesGenerateParams params = Generation.seeded(CASES.get(i).prompt(), 500 + i);
            jobs.add(images.generate(lock == null ? params : params.withPalette(List.of(CASES.get(i).hex()), lock))
                    .jobId());
        }
        List<Double> deltaE = new ArrayList<>();
        for (int i = 0; i < CASES.size(); i++) {
            JobsFinishedNotification finished = socket.awaitFinished(jobs.get(i), Generation.WAIT);
            deltaE.add(PaletteLock.garmentMean(Generation.pixels(admin, finished.results().get(0)))
                    .deltaE(LabColour.ofHex(CASES.get(i).hex())));
        }
        return deltaE;
    }
}
