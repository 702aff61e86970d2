package io.atelier.engine.upscale;

import io.atelier.engine.GenerationListener;
import java.awt.image.BufferedImage;

/**
 * The optional detail pass after super-resolution, the way Ultimate SD Upscale and krita-ai-diffusion do it: the
 * enlarged image redrawn tile by tile by the diffusion model at low strength from the source's prompt (the caller's
 * {@link TileRedraw}), tiles of the model's native size overlapping by a quarter and blended by {@link TileBlender},
 * so the model works at the size it was trained at and no seam shows. Flat areas (a background of one colour) keep
 * their pixels: they have no detail to sharpen, and redrawn with the prompt of the whole image they grow a new subject
 * of their own (with atelier-micro, a small garment in the white of every tile at {@code detail} 0.4). Each redrawn
 * tile is therefore blended into the enlarged image through a mask of where the tile has content ({@link #contentMask}),
 * and a tile with none is not redrawn at all.
 */
public final class DetailPass {

    /** One tile redrawn: a tile in, an image of the same size out. */
    @FunctionalInterface
    public interface TileRedraw {
        BufferedImage redraw(BufferedImage tile);
    }

    /** A pixel has content when some channel varies by more than this many levels (of 255) in its 3×3 neighbourhood. */
    static final int CONTENT_RANGE = 6;
    /** Content's mask reaches this many pixels beyond it, fading out, so the redraw's edges blend in. */
    static final int FEATHER = 6;

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
            float[] original = TileBlender.planar(part, new int[] {0}, 0, width, height);
            float[] mask = contentMask(part);
            if (!hasContent(mask)) {
                return original;
            }
            float[] redrawn = TileBlender.planar(redraw.redraw(part), new int[] {0}, 0, width, height);
            int pixels = width * height;
            for (int c = 0; c < 3; c++) {
                for (int p = 0; p < pixels; p++) {
                    int i = c * pixels + p;
                    redrawn[i] = original[i] + mask[p] * (redrawn[i] - original[i]);
                }
            }
            return redrawn;
        }, listener, progressDone, progressTotal);
    }

    /**
     * Per pixel of {@code tile}, 1 where it has content (a channel varies by more than {@link #CONTENT_RANGE} levels
     * around it) fading to 0 within {@link #FEATHER} pixels of it; 0 across flat areas.
     */
    static float[] contentMask(BufferedImage tile) {
        int w = tile.getWidth();
        int h = tile.getHeight();
        int[] rgb = tile.getRGB(0, 0, w, h, null, 0, w);
        float[] content = new float[w * h];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                content[y * w + x] = variesAround(rgb, w, h, x, y) ? 1f : 0f;
            }
        }
        // A box blur of the content spreads it by FEATHER pixels; scaled so that content itself stays at 1.
        float[] spread = boxBlur(boxBlur(content, w, h, FEATHER, true), w, h, FEATHER, false);
        for (int p = 0; p < spread.length; p++) {
            spread[p] = content[p] == 1f ? 1f : Math.min(1f, spread[p] * 4f);
        }
        return spread;
    }

    private static boolean variesAround(int[] rgb, int w, int h, int x, int y) {
        for (int shift = 0; shift <= 16; shift += 8) {
            int min = 255;
            int max = 0;
            for (int dy = -1; dy <= 1; dy++) {
                for (int dx = -1; dx <= 1; dx++) {
                    int v = (rgb[Math.max(0, Math.min(h - 1, y + dy)) * w + Math.max(0, Math.min(w - 1, x + dx))]
                            >> shift) & 0xFF;
                    min = Math.min(min, v);
                    max = Math.max(max, v);
                }
            }
            if (max - min > CONTENT_RANGE) {
                return true;
            }
        }
        return false;
    }

    private static float[] boxBlur(float[] in, int w, int h, int radius, boolean horizontal) {
        float[] out = new float[in.length];
        int length = horizontal ? w : h;
        int lines = horizontal ? h : w;
        for (int line = 0; line < lines; line++) {
            for (int i = 0; i < length; i++) {
                float sum = 0;
                int from = Math.max(0, i - radius);
                int to = Math.min(length - 1, i + radius);
                for (int j = from; j <= to; j++) {
                    sum += horizontal ? in[line * w + j] : in[j * w + line];
                }
                out[horizontal ? line * w + i : i * w + line] = sum / (2 * radius + 1);
            }
        }
        return out;
    }

    private static boolean hasContent(float[] mask) {
        for (float m : mask) {
            if (m > 0) {
                return true;
            }
        }
        return false;
    }
}
