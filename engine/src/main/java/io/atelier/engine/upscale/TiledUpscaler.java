package io.atelier.engine.upscale;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.atelier.engine.GenerationCancelledException;
import io.atelier.engine.GenerationListener;
import java.awt.image.BufferedImage;

/**
 * Upscales an image of any size in bounded memory: overlapping tiles go through the network a batch at a time (one
 * NDManager scope per batch, so each batch's activations are freed before the next) and are blended into a band of
 * output rows as tall as one tile; rows no later tile can touch are written out and the band moves down. Peak memory
 * is the batch's activations plus one band, not the whole output in float.
 */
public final class TiledUpscaler {
    /** Largest output side: 4096×4096 is print size at 300 dpi for about 35 cm, and bounds a job's time. */
    public static final int MAX_OUTPUT_SIDE = 4096;

    /**
     * @param tile    tile side in source pixels
     * @param overlap source pixels shared by neighbouring tiles (blended, see {@link TileGrid})
     * @param batch   tiles per forward
     */
    public record Tiling(int tile, int overlap, int batch) {
        public static final Tiling DEFAULT = new Tiling(192, 24, 2);
    }

    private TiledUpscaler() {
    }

    /** Number of tiles {@link #upscale} will run for an image of this size (the job's progress total). */
    public static int tileCount(int width, int height, Tiling tiling) {
        return TileGrid.along(width, tiling.tile(), tiling.overlap()).starts().length
                * TileGrid.along(height, tiling.tile(), tiling.overlap()).starts().length;
    }

    /**
     * The source's RGB upscaled by the model's scale into an opaque image; {@code listener.onStep(done, total, …)}
     * after each batch of tiles, {@code isCancelled()} checked before each batch.
     */
    public static BufferedImage upscale(UpscalerModel model, BufferedImage source, Tiling tiling,
                                        GenerationListener listener, NDManager manager) {
        int s = model.scale();
        TileGrid columns = TileGrid.along(source.getWidth(), tiling.tile(), tiling.overlap());
        TileGrid rows = TileGrid.along(source.getHeight(), tiling.tile(), tiling.overlap());
        int total = columns.starts().length * rows.starts().length;
        BufferedImage out = new BufferedImage(source.getWidth() * s, source.getHeight() * s,
                BufferedImage.TYPE_INT_RGB);
        Band band = new Band(out, rows.tile() * s);
        int done = 0;
        for (int r = 0; r < rows.starts().length; r++) {
            band.moveTo(rows.starts()[r] * s);
            float[] rowWeights = rows.weights(r, s);
            for (int c0 = 0; c0 < columns.starts().length; c0 += tiling.batch()) {
                if (listener.isCancelled()) {
                    throw new GenerationCancelledException();
                }
                int count = Math.min(tiling.batch(), columns.starts().length - c0);
                float[] upscaled = runBatch(model, source, columns, c0, count, rows.starts()[r], rows.tile(), manager);
                int tileOut = columns.tile() * s * rows.tile() * s * 3;
                for (int i = 0; i < count; i++) {
                    band.add(upscaled, i * tileOut, columns.starts()[c0 + i] * s, columns.tile() * s,
                            columns.weights(c0 + i, s), rowWeights);
                }
                done += count;
                listener.onStep(done, total, () -> null);
            }
        }
        band.finish();
        return out;
    }

    /** {@code count} tiles of one row through the network; planar RGB 0..1, tile after tile. */
    private static float[] runBatch(UpscalerModel model, BufferedImage source, TileGrid columns, int first, int count,
                                    int y, int height, NDManager manager) {
        int width = columns.tile();
        int plane = width * height;
        float[] input = new float[count * 3 * plane];
        for (int i = 0; i < count; i++) {
            int[] argb = source.getRGB(columns.starts()[first + i], y, width, height, null, 0, width);
            int offset = i * 3 * plane;
            for (int p = 0; p < plane; p++) {
                input[offset + p] = ((argb[p] >> 16) & 0xFF) / 255f;
                input[offset + plane + p] = ((argb[p] >> 8) & 0xFF) / 255f;
                input[offset + 2 * plane + p] = (argb[p] & 0xFF) / 255f;
            }
        }
        try (NDManager scope = manager.newSubManager()) {
            NDArray batch = scope.create(input, new Shape(count, 3, height, width));
            return model.upscale(batch).toFloatArray();
        }
    }

    /** The output rows one row of tiles can still change: weighted sums and weights, flushed when final. */
    private static final class Band {
        private final BufferedImage out;
        private final int width;
        private final int height;
        private final float[] sums;
        private final float[] weights;
        private int top;

        Band(BufferedImage out, int height) {
            this.out = out;
            this.width = out.getWidth();
            this.height = height;
            this.sums = new float[3 * height * width];
            this.weights = new float[height * width];
        }

        /** Writes out the rows above {@code newTop} (no later tile reaches them) and shifts the rest up. */
        void moveTo(int newTop) {
            int shift = newTop - top;
            if (shift <= 0) {
                return;
            }
            flush(shift);
            int keep = height - shift;
            int plane = height * width;
            for (int c = 0; c < 3; c++) {
                System.arraycopy(sums, c * plane + shift * width, sums, c * plane, keep * width);
                java.util.Arrays.fill(sums, c * plane + keep * width, (c + 1) * plane, 0f);
            }
            System.arraycopy(weights, shift * width, weights, 0, keep * width);
            java.util.Arrays.fill(weights, keep * width, plane, 0f);
            top = newTop;
        }

        void add(float[] tile, int offset, int x0, int tileWidth, float[] columnWeights, float[] rowWeights) {
            int plane = height * width;
            int tilePlane = tileWidth * height;
            for (int v = 0; v < height; v++) {
                for (int u = 0; u < tileWidth; u++) {
                    float w = columnWeights[u] * rowWeights[v];
                    int at = v * width + x0 + u;
                    int from = offset + v * tileWidth + u;
                    weights[at] += w;
                    for (int c = 0; c < 3; c++) {
                        sums[c * plane + at] += w * tile[from + c * tilePlane];
                    }
                }
            }
        }

        void finish() {
            flush(Math.min(height, out.getHeight() - top));
        }

        private void flush(int rowCount) {
            int plane = height * width;
            int[] rgb = new int[width];
            for (int v = 0; v < rowCount; v++) {
                for (int x = 0; x < width; x++) {
                    int at = v * width + x;
                    float w = Math.max(weights[at], 1e-6f);
                    rgb[x] = (toByte(sums[at] / w) << 16) | (toByte(sums[plane + at] / w) << 8)
                            | toByte(sums[2 * plane + at] / w);
                }
                out.setRGB(0, top + v, width, 1, rgb, 0, width);
            }
        }

        private static int toByte(float value) {
            return Math.max(0, Math.min(255, Math.round(value * 255f)));
        }
    }
}
