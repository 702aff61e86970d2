package io.atelier.engine.upscale;

import io.atelier.engine.GenerationListener;
import java.awt.image.BufferedImage;

/**
 * The optional detail pass after super-resolution, the way Ultimate SD Upscale and krita-ai-diffusion do it: the
 * enlarged image redrawn tile by tile by the diffusion model at low strength from the source's prompt (the caller's
 * {@link TileRedraw}), tiles of the model's native size overlapping by a quarter and blended by {@link TileBlender},
 * so the model works at the size it was trained at and no seam shows.
 */
public final class DetailPass {

    /** One tile redrawn: a tile in, an image of the same size out. */
    @FunctionalInterface
    public interface TileRedraw {
        BufferedImage redraw(BufferedImage tile);
    }

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
            BufferedImage redrawn = redraw.redraw(image.getSubimage(xs[0], y, width, height));
            return TileBlender.planar(redrawn, new int[] {0}, 0, width, height);
        }, listener, progressDone, progressTotal);
    }
}
