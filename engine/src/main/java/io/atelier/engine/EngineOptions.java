package io.atelier.engine;

import java.nio.file.Path;
import java.time.Duration;

/**
 * How the engine uses the machine.
 *
 * @param cacheDir where embedded model packages are copied before loading
 * @param batchWindow how long the oldest waiting request waits for compatible companions before its batch starts
 * @param maxImagesPerBatch images sharing one sampling loop
 * @param maxLatentPixelsPerForward rows x latent pixels per UNet call; larger batches are split (bounds memory)
 * @param maxLoadedModels models kept loaded at once; the least recently used is closed beyond it
 */
public record EngineOptions(Path cacheDir, Duration batchWindow, int maxImagesPerBatch,
                            long maxLatentPixelsPerForward, int maxLoadedModels) {

    /** Defaults for a CPU: 10 ms gathering, 16 images a batch, 4 rows of 64x64 latents (SD 1.5 at 512 px). */
    public static EngineOptions defaults(Path cacheDir) {
        return new EngineOptions(cacheDir, Duration.ofMillis(10), 16, 4L * 64 * 64, 2);
    }
}
