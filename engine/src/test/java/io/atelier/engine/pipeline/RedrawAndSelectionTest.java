package io.atelier.engine.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.atelier.engine.GenerationListener;
import io.atelier.engine.GenerationRequest;
import io.atelier.engine.testing.Pixels;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import org.junit.jupiter.api.Test;

/** Redraw over an image and regenerate a selection, through the real tiny model. */
class RedrawAndSelectionTest {
    private final DiffusionPipeline pipeline = TinyModel.sharedPipeline();

    static BufferedImage photo() {
        BufferedImage image = new BufferedImage(64, 64, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < 64; y++) {
            for (int x = 0; x < 64; x++) {
                image.setRGB(x, y, new Color(x * 4, y * 4, 255 - (x + y) * 2).getRGB());
            }
        }
        return image;
    }

    static BufferedImage squareMask() {
        BufferedImage mask = new BufferedImage(64, 64, BufferedImage.TYPE_BYTE_GRAY);
        Graphics2D g = mask.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(16, 16, 32, 24);
        g.dispose();
        return mask;
    }

    @Test
    void regenerate_selection_keeps_every_pixel_outside_the_mask_and_changes_inside() {
        BufferedImage original = photo();
        BufferedImage mask = squareMask();
        BufferedImage result = pipeline.generate(GenerationRequest.of("pink polka_dots dress")
                .withInitImage(original, null).withMask(mask).withSeed(11L), GenerationListener.NONE).images().get(0);
        int[] before = Pixels.of(original);
        int[] after = Pixels.of(result);
        int changedInside = 0;
        int insideCount = 0;
        for (int y = 0; y < 64; y++) {
            for (int x = 0; x < 64; x++) {
                int p = y * 64 + x;
                boolean inside = (mask.getRGB(x, y) & 0xFF) > 0;
                if (inside) {
                    insideCount++;
                    changedInside += before[p] != after[p] ? 1 : 0;
                } else {
                    assertEquals(before[p] & 0xFFFFFF, after[p] & 0xFFFFFF, "pixel " + x + "," + y + " outside the mask");
                }
            }
        }
        assertTrue(changedInside > insideCount / 2, changedInside + " of " + insideCount + " changed inside");
    }

    @Test
    void an_init_image_of_any_size_comes_back_at_its_size_with_pixels_outside_the_mask_kept() {
        BufferedImage original = photo().getSubimage(3, 5, 50, 40);
        BufferedImage mask = squareMask().getSubimage(3, 5, 50, 40);
        BufferedImage result = pipeline.generate(GenerationRequest.of("pink dress").withInitImage(original, null)
                .withMask(mask).withSeed(4L), GenerationListener.NONE).images().get(0);
        assertEquals(50, result.getWidth());
        assertEquals(40, result.getHeight());
        for (int y = 0; y < 40; y++) {
            for (int x = 0; x < 50; x++) {
                if ((mask.getRGB(x, y) & 0xFF) == 0) {
                    assertEquals(original.getRGB(x, y) & 0xFFFFFF, result.getRGB(x, y) & 0xFFFFFF);
                }
            }
        }
    }

    @Test
    void redraw_with_low_strength_stays_closer_to_the_init_image_than_high_strength() {
        BufferedImage original = photo();
        GenerationRequest request = GenerationRequest.of("beige solid trousers").withSeed(21L).withSteps(10);
        double low = Pixels.rmsDistance(original, pipeline.generate(request.withInitImage(original, 0.3),
                GenerationListener.NONE).images().get(0));
        double high = Pixels.rmsDistance(original, pipeline.generate(request.withInitImage(original, 0.9),
                GenerationListener.NONE).images().get(0));
        assertTrue(low < high, "strength 0.3 distance " + low + " should be below strength 0.9 distance " + high);
    }

    @Test
    void redraw_runs_only_the_last_strength_fraction_of_the_steps() {
        int[] total = {0};
        GenerationListener listener = new GenerationListener() {
            @Override
            public void onStep(int step, int totalSteps, java.util.function.Supplier<BufferedImage> preview) {
                total[0] = totalSteps;
            }
        };
        pipeline.generate(GenerationRequest.of("red dress").withSteps(10).withInitImage(photo(), 0.3), listener);
        assertEquals(3, total[0]);
    }

}
