package io.atelier.engine.pipeline;

import io.atelier.engine.image.SelectionMask;
import io.atelier.engine.sampler.NoiseSource;
import io.atelier.engine.sampler.Sampler;
import java.awt.image.BufferedImage;

/** One image on its way from noise to latent: its own seed, noise, sampler state and (for a selection) mask. */
final class Trajectory {
    final PendingGeneration owner;
    final int indexInRequest;
    final long seed;
    final Sampler sampler;
    final NoiseSource noise;
    final float[] startNoise;
    final float[] initLatent;
    final float[] latentMask;
    final SelectionMask pixelMask;
    /** For a selection: the init image at the padded working size, whose pixels outside the mask are kept. */
    final BufferedImage keptPixels;
    final float[] condition;
    final float[] unconditional;
    float[] latent;
    float[] denoised;

    Trajectory(PendingGeneration owner, int indexInRequest, long seed, Sampler sampler, int latentSize,
               float[] initLatent, SelectionMask pixelMask, BufferedImage keptPixels, int vaeScale, float[] condition,
               float[] unconditional) {
        this.owner = owner;
        this.indexInRequest = indexInRequest;
        this.seed = seed;
        this.sampler = sampler;
        this.noise = NoiseSource.seeded(seed);
        this.startNoise = new float[latentSize];
        noise.fill(startNoise);
        this.initLatent = initLatent;
        this.pixelMask = pixelMask;
        this.keptPixels = keptPixels;
        this.latentMask = pixelMask == null ? null : pixelMask.latentWeights(vaeScale);
        this.condition = condition;
        this.unconditional = unconditional;
    }

    /** Puts the sample at noise level {@code level}: noised init latents for a redraw, pure noise otherwise. */
    void start(int level) {
        latent = new float[startNoise.length];
        sampler.noised(initLatent != null ? initLatent : new float[startNoise.length], startNoise, level, latent);
    }

    /**
     * Regenerate-selection: outside the mask, replace the sample by the original latents noised to the level just
     * reached, so the kept region stays consistent with the regenerated one at every step (RePaint-style blend).
     */
    void keepOutsideMask(int level) {
        if (latentMask == null) {
            return;
        }
        float[] original = new float[latent.length];
        sampler.noised(initLatent, startNoise, level, original);
        int plane = latentMask.length;
        for (int k = 0; k < latent.length; k++) {
            float w = latentMask[k % plane];
            latent[k] = w * latent[k] + (1f - w) * original[k];
        }
    }
}
