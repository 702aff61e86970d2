package io.atelier.micro.train;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Stage 1: the autoencoder learns reconstruction, loss = MSE + 0.5 L1 + w * MSE(8x8 means) + 1e-4 mean(z^2).
 *
 * <p>The pooled term compares the mean colour of each 8x8 block (one latent cell): on flats most
 * per-pixel error sits on outlines and pattern edges, and with that loss alone a short run learns
 * shapes long before it learns exact garment colours (green decoded as navy, yellow as orange). The
 * pooled error is what a colour judge sees, so it gets its own weight.
 *
 * <p>Before decoding, the latent gets Gaussian noise at 5% of its own (detached) standard deviation:
 * the decoder then tolerates the small errors a diffusion sampler leaves in latents, and since the
 * noise scales with the latent, the encoder cannot escape it by growing its output. The tiny L2 term
 * only keeps the latent scale from drifting.
 */
public final class VaeTrainer {

    static final float LATENT_NOISE = 0.05f;
    static final float L1_WEIGHT = 0.5f;
    static final float LATENT_L2_WEIGHT = 1e-4f;

    private final float colourWeight;
    private final TrainableModule encoder;
    private final TrainableModule decoder;
    private final AdamOptimizer encoderAdam;
    private final AdamOptimizer decoderAdam;

    public VaeTrainer(TrainableModule encoder, TrainableModule decoder, float learningRate, int warmupSteps) {
        this(encoder, decoder, learningRate, warmupSteps, 0f);
    }

    /** @param colourWeight weight of the MSE between 8x8 block means of output and input (0 = plain reconstruction) */
    public VaeTrainer(TrainableModule encoder, TrainableModule decoder, float learningRate, int warmupSteps,
                      float colourWeight) {
        this.colourWeight = colourWeight;
        this.encoder = encoder.trainOnly(name -> true);
        this.decoder = decoder.trainOnly(name -> true);
        this.encoderAdam = new AdamOptimizer(encoder.manager(), encoder.trainableParameters(), learningRate, warmupSteps);
        this.decoderAdam = new AdamOptimizer(decoder.manager(), decoder.trainableParameters(), learningRate, warmupSteps);
    }

    /**
     * One optimisation step.
     *
     * @param pixels CHW images in [-1, 1], {@code batch} of them, {@code size} x {@code size}
     * @param latentNoise standard normal values, batch x 4 x size/8 x size/8
     * @return the step's loss
     */
    public float step(float[] pixels, int batch, int size, float[] latentNoise) {
        try (NDManager scratch = encoder.manager().newSubManager()) {
            NDArray x = scratch.create(pixels, new Shape(batch, 3, size, size));
            NDArray noise = scratch.create(latentNoise, new Shape(batch, 4, size / 8, size / 8));
            float loss;
            try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                NDArray z = encoder.forward(true, x);
                NDArray zDetached = z.stopGradient();
                NDArray std = zDetached.sub(zDetached.mean()).square().mean().sqrt();
                NDArray y = decoder.forward(true, z.add(noise.mul(std.mul(LATENT_NOISE))));
                NDArray diff = y.sub(x);
                NDArray total = diff.square().mean()
                        .add(diff.abs().mean().mul(L1_WEIGHT))
                        .add(z.square().mean().mul(LATENT_L2_WEIGHT));
                if (colourWeight > 0) {
                    total = total.add(blockMeans(diff, batch, size).square().mean().mul(colourWeight));
                }
                collector.backward(total);
                loss = total.getFloat();
            }
            encoderAdam.step();
            decoderAdam.step();
            return loss;
        }
    }

    // Mean over each 8x8 block: [B, 3, S, S] -> [B, 3, S/8, S/8].
    private static NDArray blockMeans(NDArray image, int batch, int size) {
        // libtorch through DJL reduces one axis per call.
        return image.reshape(batch, 3, size / 8, 8, size / 8, 8).mean(new int[] {5}).mean(new int[] {3});
    }

    public int stepCount() {
        return encoderAdam.stepCount();
    }

    public float learningRate() {
        return encoderAdam.learningRate(encoderAdam.stepCount());
    }

    /** Every array a checkpoint needs, by unique name. */
    public Map<String, NDArray> state() {
        Map<String, NDArray> state = new LinkedHashMap<>();
        Checkpoint.putPrefixed(state, "vae_encoder/", encoder.parameters());
        Checkpoint.putPrefixed(state, "vae_decoder/", decoder.parameters());
        Checkpoint.putList(state, "vae_encoder/", encoderAdam.state());
        Checkpoint.putList(state, "vae_decoder/", decoderAdam.state());
        return state;
    }

    public void restore(Map<String, NDArray> saved, int step) {
        encoder.loadValues(Checkpoint.withPrefix(saved, "vae_encoder/"));
        decoder.loadValues(Checkpoint.withPrefix(saved, "vae_decoder/"));
        encoderAdam.restore(Checkpoint.listUnder(saved, "vae_encoder/"), step);
        decoderAdam.restore(Checkpoint.listUnder(saved, "vae_decoder/"), step);
    }
}
