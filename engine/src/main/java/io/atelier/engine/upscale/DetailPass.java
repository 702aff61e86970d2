package io.atelier.engine.upscale;

import io.atelier.engine.GenerationListener;
import java.awt.image.BufferedImage;

/**
 * The optional detail pass after super-resolution, the way Ultimate SD Upscale and krita-ai-diffusion do it: the
 * enlarged image redrawn tile by tile by the diffusion model at low strength from the source's prompt (the caller's
 * {@link TileRedraw}), tiles of the model's native size overlapping by a quarter and blended by {@link TileBlender},
 * so the model works at the size it was trained at and no seam shows. A tile of one flat colour (a background) is
 * left as it is: it has no detail to sharpen, and redrawn with the prompt of the whole image it grows a new subject
 * of its own (with atelier-micro, a whole garment in every background tile at {@code detail} 0.4).
 */
public final class DetailPass {

    /** One tile redrawn: a tile in, an image of the same size out. */
    @FunctionalInterface
    public interface TileRedraw {
        BufferedImage redraw(BufferedImage tile);
    }

    /** A tile is flat when each channel's standard deviation over it is below this many levels (of 255). */
    static final double FLAT_STDDEV = 2.0;

    private DetailPass() {
    }

    public static TiledUpscaler.Tiling tiling(int tile) {
        return new TiledUpscaler.Tiling(tile, tile / 4, 1);
    }

    public static int tileCount(int width, int height, int tile) {
        return TiledUpscaler.tileCount(width, height, tiling(tile));
    }

    /** {@code image} redrawn; the image must be at least {@code tile} pixels on each side. */
    public static BufferedImage run(BufferedImage image, int tile, TileRedraw redraw, GenerationListener listener,
                                    int progressDone, int progressTotal) {
        if (image.getWidth() < tile || image.getHeight() < tile) {
            throw new IllegalArgumentException("image smaller than one tile");
        }
        return TileBlender.blend(image, 1, tiling(tile), (xs, y, width, height) -> {
            BufferedImage part = image.getSubimage(xs[0], y, width, height);
            BufferedImage redrawn = isFlat(part) ? part : redraw.redraw(part);
            return TileBlender.planar(redrawn, new int[] {0}, 0, width, height);
        }, listener, progressDone, progressTotal);
    }

    /** Whether every channel of {@code tile} stays within {@link #FLAT_STDDEV} of its mean. */
    static boolean isFlat(BufferedImage tile) {
        int n = tile.getWidth() * tile.getHeight();
        int[] rgb = tile.getRGB(0, 0, tile.getWidth(), tile.getHeight(), null, 0, tile.getWidth());
        for (int shift = 0; shift <= 16; shift += 8) {
            double sum = 0;
            double squares = 0;
            for (int p : rgb) {
                int v = (p >> shift) & 0xFF;
                sum += v;
                squares += (double) v * v;
            }
            double mean = sum / n;
            if (squares / n - mean * mean > FLAT_STDDEV * FLAT_STDDEV) {
                return false;
            }
        }
        return true;
    }
}
