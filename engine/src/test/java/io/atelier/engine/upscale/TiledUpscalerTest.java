package io.atelier.engine.upscale;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import io.atelier.engine.GenerationCancelledException;
import io.atelier.engine.GenerationListener;
import java.awt.image.BufferedImage;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

class TiledUpscalerTest {
    private static final Upscalers UPSCALERS = new Upscalers();
    private static final NDManager MANAGER = UPSCALERS.newJobManager();

    @Test
    void tiled_output_matches_untiled_away_from_the_borders() {
        BufferedImage source = texture(100, 76);
        UpscalerModel model = UPSCALERS.model("esrgan-slim", 4);
        BufferedImage whole = TiledUpscaler.upscale(model, source, new TiledUpscaler.Tiling(128, 0, 1),
                GenerationListener.NONE, MANAGER);
        BufferedImage tiled = TiledUpscaler.upscale(model, source, new TiledUpscaler.Tiling(40, 24, 2),
                GenerationListener.NONE, MANAGER);
        int border = 4 * 4;
        int worst = 0;
        long differing = 0;
        long compared = 0;
        for (int y = border; y < whole.getHeight() - border; y++) {
            for (int x = border; x < whole.getWidth() - border; x++) {
                int a = whole.getRGB(x, y);
                int b = tiled.getRGB(x, y);
                for (int shift = 0; shift <= 16; shift += 8) {
                    int diff = Math.abs(((a >> shift) & 0xFF) - ((b >> shift) & 0xFF));
                    worst = Math.max(worst, diff);
                    differing += diff > 0 ? 1 : 0;
                    compared++;
                }
            }
        }
        System.out.printf("tiled vs untiled: max %d/255, %d of %d values differ%n", worst, differing, compared);
        // 8-bit output: a difference below 1/255 before rounding shows as at most one level after it
        assertTrue(worst <= 1, "tiles leave a seam: " + worst + "/255");
    }

    @Test
    void progress_counts_tiles_and_cancel_stops_between_batches() {
        BufferedImage source = texture(90, 50);
        TiledUpscaler.Tiling tiling = new TiledUpscaler.Tiling(32, 8, 2);
        int total = TiledUpscaler.tileCount(90, 50, tiling);
        AtomicInteger last = new AtomicInteger();
        BufferedImage out = TiledUpscaler.upscale(UPSCALERS.model("esrgan-slim", 2), source, tiling,
                new GenerationListener() {
                    @Override
                    public void onStep(int step, int totalSteps, Supplier<BufferedImage> preview) {
                        assertEquals(total, totalSteps);
                        last.set(step);
                    }
                }, MANAGER);
        assertEquals(total, last.get());
        assertEquals(180, out.getWidth());
        assertEquals(100, out.getHeight());

        AtomicInteger batches = new AtomicInteger();
        assertThrows(GenerationCancelledException.class, () -> TiledUpscaler.upscale(
                UPSCALERS.model("esrgan-slim", 2), source, tiling, new GenerationListener() {
                    @Override
                    public void onStep(int step, int totalSteps, Supplier<BufferedImage> preview) {
                        batches.incrementAndGet();
                    }

                    @Override
                    public boolean isCancelled() {
                        return batches.get() >= 1;
                    }
                }, MANAGER));
        assertEquals(1, batches.get());
    }

    @Test
    void detail_pass_with_a_redraw_that_changes_nothing_gives_back_the_image_exactly() {
        BufferedImage image = texture(150, 100);
        AtomicInteger tiles = new AtomicInteger();
        BufferedImage out = DetailPass.run(image, 64, tile -> {
            tiles.incrementAndGet();
            return tile;
        }, GenerationListener.NONE, 0, DetailPass.tileCount(150, 100, 64));
        assertEquals(DetailPass.tileCount(150, 100, 64), tiles.get());
        for (int y = 0; y < 100; y++) {
            for (int x = 0; x < 150; x++) {
                assertEquals(image.getRGB(x, y), out.getRGB(x, y), "blend weights must sum to 1 at " + x + "," + y);
            }
        }
    }

    @Test
    void detail_pass_redraws_only_where_there_is_content_and_leaves_flat_background_as_it_was() {
        // A white page with the texture in its top-left corner: the tiles that only see white are not redrawn, and in
        // those that see both, the white away from the texture keeps its pixels.
        BufferedImage image = new BufferedImage(256, 256, BufferedImage.TYPE_INT_RGB);
        java.awt.Graphics2D g = image.createGraphics();
        g.setColor(java.awt.Color.WHITE);
        g.fillRect(0, 0, 256, 256);
        g.drawImage(texture(80, 80), 0, 0, null);
        g.dispose();
        AtomicInteger redrawn = new AtomicInteger();
        BufferedImage out = DetailPass.run(image, 64, tile -> {
            redrawn.incrementAndGet();
            BufferedImage black = new BufferedImage(tile.getWidth(), tile.getHeight(), BufferedImage.TYPE_INT_RGB);
            return black; // a redraw that is easy to see wherever it lands
        }, GenerationListener.NONE, 0, DetailPass.tileCount(256, 256, 64));
        int total = DetailPass.tileCount(256, 256, 64);
        assertTrue(redrawn.get() > 0 && redrawn.get() < total / 2, redrawn.get() + " of " + total + " tiles redrawn");
        assertEquals(0xFFFFFFFF, out.getRGB(250, 250), "the far corner of the page is untouched");
        assertEquals(0xFF000000, out.getRGB(20, 20), "the textured corner is redrawn");
        assertEquals(0xFF000000, out.getRGB(78, 40), "up to the texture's edge");
        assertEquals(0xFFFFFFFF, out.getRGB(105, 20), "white beside the texture, in a redrawn tile, stays white");
    }

    /** Gradients, hard edges and noise: what a seam or a misplaced tile would show on. */
    static BufferedImage texture(int width, int height) {
        Random random = new Random(7);
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                int r = (x * 255 / width + random.nextInt(40)) & 0xFF;
                int g = ((x / 9 + y / 7) % 2 == 0 ? 200 : 40) + random.nextInt(30);
                int b = (y * 255 / height) & 0xFF;
                image.setRGB(x, y, (r << 16) | (Math.min(255, g) << 8) | b);
            }
        }
        return image;
    }

    @AfterAll
    static void close() {
        MANAGER.close();
        UPSCALERS.close();
    }
}
