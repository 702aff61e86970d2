package io.atelier.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.atelier.engine.model.ModelRegistry;
import io.atelier.engine.sd.TinyCheckpoint;
import io.atelier.engine.testing.Pixels;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A checkpoint dropped into {@code <home>/models/} generates through the engine exactly as atelier-micro does: text
 * to image, variations, redraw, regenerate a selection, emphasis, progress and cancel. The checkpoint is the
 * scaled-down SD-1.5-layout one (real key names, random weights), so the pictures mean nothing; the behaviour does.
 */
class CheckpointGenerationTest {
    private static final String MODEL = "house-sd";
    @TempDir
    static Path home;
    private static DiffusionEngine engine;

    @BeforeAll
    static void install() throws IOException {
        Files.createDirectories(home.resolve("models"));
        Files.copy(TinyCheckpoint.path(), home.resolve("models/house-sd.safetensors"));
        engine = new DiffusionEngine(new ModelRegistry(home, home.resolve("cache")),
                EngineOptions.defaults(home.resolve("cache")));
    }

    @AfterAll
    static void close() {
        engine.close();
    }

    private static GenerationRequest request(String prompt) {
        return GenerationRequest.of(prompt).withModel(MODEL).withSize(128, 64).withSteps(4).withSeed(7L);
    }

    @Test
    void text_to_image_at_the_asked_size_is_reproducible_by_seed() {
        GenerationResult first = engine.generate(request("oversized camel trench coat, belted").withCount(2),
                GenerationListener.NONE);
        GenerationResult again = engine.generate(request("oversized camel trench coat, belted").withCount(2),
                GenerationListener.NONE);
        assertEquals(2, first.images().size());
        assertEquals(128, first.images().get(0).getWidth());
        assertEquals(64, first.images().get(0).getHeight());
        assertEquals(0, Pixels.maxChannelDifference(first.images().get(0), again.images().get(0)));
        assertTrue(Pixels.maxChannelDifference(first.images().get(0), first.images().get(1)) > 0,
                "variations with seeds 7 and 8 differ");
        assertEquals(java.util.List.of(7L, 8L), first.seeds());
    }

    @Test
    void the_prompt_reaches_the_model_and_emphasis_changes_it() {
        BufferedImage plain = image(request("red dress, studio photo"));
        BufferedImage other = image(request("a bag"));
        BufferedImage emphasised = image(request("(red dress:1.5), studio photo"));
        assertTrue(Pixels.maxChannelDifference(plain, other) > 0, "another prompt gives another image");
        assertTrue(Pixels.maxChannelDifference(plain, emphasised) > 0, "emphasis changes the conditioning");
    }

    @Test
    void redraw_over_an_image_follows_it_and_selection_keeps_outside_pixels() {
        BufferedImage photo = new BufferedImage(128, 64, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < 64; y++) {
            for (int x = 0; x < 128; x++) {
                photo.setRGB(x, y, new Color(x * 2, y * 4, 200 - x).getRGB());
            }
        }
        // Random weights cannot reproduce the photo itself; strength 0 gives its round trip through the VAE.
        BufferedImage roundTrip = image(request("dress").withInitImage(photo, 0.0));
        BufferedImage light = image(request("dress").withInitImage(photo, 0.25));
        BufferedImage strong = image(request("dress").withInitImage(photo, 1.0));
        assertTrue(Pixels.rmsDistance(light, roundTrip) < Pixels.rmsDistance(strong, roundTrip),
                "a low strength stays nearer the init image");
        BufferedImage mask = new BufferedImage(128, 64, BufferedImage.TYPE_BYTE_GRAY);
        Graphics2D g = mask.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(40, 16, 48, 32);
        g.dispose();
        BufferedImage selected = image(request("dress").withInitImage(photo, null).withMask(mask));
        int changedInside = 0;
        for (int y = 0; y < 64; y++) {
            for (int x = 0; x < 128; x++) {
                boolean inside = (mask.getRGB(x, y) & 0xFF) > 0;
                if (inside) {
                    changedInside += photo.getRGB(x, y) != selected.getRGB(x, y) ? 1 : 0;
                } else {
                    assertEquals(photo.getRGB(x, y) & 0xFFFFFF, selected.getRGB(x, y) & 0xFFFFFF,
                            "pixel " + x + "," + y + " outside the selection");
                }
            }
        }
        assertTrue(changedInside > 48 * 32 / 2, changedInside + " pixels changed inside the selection");
    }

    @Test
    void progress_previews_arrive_and_cancel_stops_within_one_step() {
        AtomicInteger steps = new AtomicInteger();
        AtomicBoolean cancelled = new AtomicBoolean();
        AtomicBoolean previewSeen = new AtomicBoolean();
        GenerationListener listener = new GenerationListener() {
            @Override
            public void onStep(int step, int total, Supplier<BufferedImage> preview) {
                steps.set(step);
                previewSeen.set(preview.get().getWidth() > 0);
                cancelled.set(step == 2);
            }

            @Override
            public boolean isCancelled() {
                return cancelled.get();
            }
        };
        assertThrows(GenerationCancelledException.class,
                () -> engine.generate(request("dress").withSteps(10), listener));
        assertEquals(2, steps.get());
        assertTrue(previewSeen.get());
    }

    @Test
    void an_unreadable_adapter_on_a_checkpoint_is_refused_by_name() {
        InvalidGenerationParameterException e = assertThrows(InvalidGenerationParameterException.class,
                () -> engine.generate(request("dress").withAdapter(new AdapterSpec(home.resolve("x"),
                        1.0)), GenerationListener.NONE));
        assertEquals("adapter", e.field());
    }

    @Test
    void sizes_that_do_not_fit_the_unet_name_their_field() {
        InvalidGenerationParameterException e = assertThrows(InvalidGenerationParameterException.class,
                () -> engine.validate(request("dress").withSize(96, 64)));
        assertEquals("width", e.field());
        assertNotEquals(null, e.getMessage());
    }

    private static BufferedImage image(GenerationRequest request) {
        return engine.generate(request, GenerationListener.NONE).images().get(0);
    }
}
