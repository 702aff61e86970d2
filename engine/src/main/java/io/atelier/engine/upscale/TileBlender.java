package io.atelier.engine.upscale;

import io.atelier.engine.GenerationCancelledException;
import io.atelier.engine.GenerationListener;
import java.awt.image.BufferedImage;

/**
 * Runs an image through a tile function in overlapping tiles and blends what comes back (see {@link TileGrid} for
 * the weights) into a band of output rows as tall as one tile; rows no later tile can touch are written out and the
 * band moves down. Peak memory is one batch of tiles plus one band, not the whole output in float. Shared by the
 * super-resolution (scale 2..8, tiles batched through the network) and the detail pass (scale 1, one tile per
 * diffusion request).
 */
final class TileBlender {

    /** What the tiles become. */
    @FunctionalInterface
    interface TileFunction {
        /**
         * @param xs     left edges, in source pixels, of {@code xs.length} tiles of one row
         * @param y      their top edge
         * @param width  tile width in source pixels
         * @param height tile height in source pixels
         * @return planar RGB in 0..1 of each tile's output ({@code scale} times the size), tile after tile
         */
        float[] run(int[] xs, int y, int width, int height);
    }

    private TileBlender() {
    }

    /**
     * @param progressDone tiles already counted before this pass (a job with two passes reports one total)
     * @param progressTotal the total the listener is told
     */
    static BufferedImage blend(BufferedImage source, int scale, TiledUpscaler.Tiling tiling, TileFunction tiles,
                               GenerationListener listener, int progressDone, int progressTotal) {
        TileGrid columns = TileGrid.along(source.getWidth(), tiling.tile(), tiling.overlap());
        TileGrid rows = TileGrid.along(source.getHeight(), tiling.tile(), tiling.overlap());
        BufferedImage out = new BufferedImage(source.getWidth() * scale, source.getHeight() * scale,
                BufferedImage.TYPE_INT_RGB);
        BlendBand band = new BlendBand(out, rows.tile() * scale);
        int done = progressDone;
        int tileOut = columns.tile() * scale * rows.tile() * scale * 3;
        for (int r = 0; r < rows.starts().length; r++) {
            band.moveTo(rows.starts()[r] * scale);
            float[] rowWeights = rows.weights(r, scale);
            for (int c0 = 0; c0 < columns.starts().length; c0 += tiling.batch()) {
                if (listener.isCancelled()) {
                    throw new GenerationCancelledException();
                }
                int count = Math.min(tiling.batch(), columns.starts().length - c0);
                int[] xs = java.util.Arrays.copyOfRange(columns.starts(), c0, c0 + count);
                float[] result = tiles.run(xs, rows.starts()[r], columns.tile(), rows.tile());
                for (int i = 0; i < count; i++) {
                    band.add(result, i * tileOut, xs[i] * scale, columns.tile() * scale,
                            columns.weights(c0 + i, scale), rowWeights);
                }
                done += count;
                listener.onStep(done, progressTotal, () -> null);
            }
        }
        band.finish();
        return out;
    }

    /** Planar RGB in 0..1 of {@code xs.length} tiles of {@code source}, tile after tile. */
    static float[] planar(BufferedImage source, int[] xs, int y, int width, int height) {
        int plane = width * height;
        float[] values = new float[xs.length * 3 * plane];
        for (int i = 0; i < xs.length; i++) {
            int[] argb = source.getRGB(xs[i], y, width, height, null, 0, width);
            int offset = i * 3 * plane;
            for (int p = 0; p < plane; p++) {
                values[offset + p] = ((argb[p] >> 16) & 0xFF) / 255f;
                values[offset + plane + p] = ((argb[p] >> 8) & 0xFF) / 255f;
                values[offset + 2 * plane + p] = (argb[p] & 0xFF) / 255f;
            }
        }
        return values;
    }
}
