package io.atelier.engine;

import java.awt.image.BufferedImage;
import java.util.function.Supplier;

/** Progress and cancellation for one request. Called on the engine's worker thread: return quickly. */
public interface GenerationListener {
    GenerationListener NONE = new GenerationListener() {
    };

    /**
     * After each sampling step. {@code cheapPreview} computes a small latent-to-RGB image of the current prediction
     * only if called (no VAE decode).
     *
     * @param step 1..totalSteps
     */
    default void onStep(int step, int totalSteps, Supplier<BufferedImage> cheapPreview) {
    }

    /** Checked before every step; true stops the request with {@link GenerationCancelledException}. */
    default boolean isCancelled() {
        return false;
    }
}
