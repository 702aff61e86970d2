package io.atelier.engine.upscale;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.atelier.engine.GenerationListener;
import java.awt.image.BufferedImage;

/**
 * Upscales an image of any size in bounded memory: overlapping tiles go through the network a batch at a time (one
 * NDManager scope per batch, so each batch's activations are freed before the next), blended by {@link TileBlender},
 * then made to agree with the source ({@link BackProjection}).
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
        int total = tileCount(source.getWidth(), source.getHeight(), tiling);
        return upscale(model, source, tiling, listener, manager, 0, total);
    }

    /** As {@link #upscale(UpscalerModel, BufferedImage, Tiling, GenerationListener, NDManager)}, as part of a job
     * whose progress counts {@code progressTotal} tiles in all. */
    public static BufferedImage upscale(UpscalerModel model, BufferedImage source, Tiling tiling,
                                        GenerationListener listener, NDManager manager, int progressDone,
                                        int progressTotal) {
        BufferedImage blended = TileBlender.blend(source, model.scale(), tiling, (xs, y, width, height) -> {
            float[] input = TileBlender.planar(source, xs, y, width, height);
            // One scope per batch: the batch's activations are freed before the next one starts.
            try (NDManager scope = manager.newSubManager()) {
                NDArray batch = scope.create(input, new Shape(xs.length, 3, height, width));
                return model.upscale(batch).toFloatArray();
            }
        }, listener, progressDone, progressTotal);
        return BackProjection.apply(blended, source, model.scale());
    }
}
