package io.atelier.micro.train;

import io.atelier.engine.sampler.NoiseSchedule;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import java.nio.FloatBuffer;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Predicate;
import java.util.stream.IntStream;

/**
 * Stage 2: UNet and text encoder learn epsilon prediction on frozen-VAE latents.
 *
 * <p>x_t = sqrt(alphaBar_t) x_0 + sqrt(1 - alphaBar_t) eps; loss = mean_b w_b |unet(x_t, t, text) - eps|^2
 * with Min-SNR-5 weights w_b = min(SNR_t, 5) / SNR_t ({@link NoisedLatents}), which keeps the many easy low-noise
 * steps from dominating and is known to speed up convergence. The LoRA slots stay frozen (lora_up = 0) so the
 * shipped base model's slots are inert.
 */
public final class DiffusionTrainer {

    /** Base weights only: LoRA slots belong to brand adapters (issue 5). */
    public static final Predicate<String> BASE_PARAMETERS = name -> !name.contains(".lora_");
    /** The adapter's share: LoRA down/up projections (lora_scale is a setting, never trained). */
    public static final Predicate<String> LORA_PARAMETERS = name -> name.contains(".lora_down.") || name.contains(".lora_up.");

    private final TrainableModule unet;
    private final TrainableModule textEncoder;
    private final AdamOptimizer unetAdam;
    private final AdamOptimizer textAdam;
    private final ExponentialMovingAverage unetEma;
    private final ExponentialMovingAverage textEma;
    private final double[] alphaBar;

    public DiffusionTrainer(TrainableModule unet, TrainableModule textEncoder, NoiseSchedule schedule,
                            float learningRate, int warmupSteps, float emaDecay) {
        this(unet, textEncoder, schedule, learningRate, warmupSteps, emaDecay, BASE_PARAMETERS, true);
    }

    /** With {@code LORA_PARAMETERS} and a frozen text encoder this is the adapter training of issue 5. */
    public DiffusionTrainer(TrainableModule unet, TrainableModule textEncoder, NoiseSchedule schedule,
                            float learningRate, int warmupSteps, float emaDecay,
                            Predicate<String> unetTrainable, boolean trainTextEncoder) {
        this.unet = unet.trainOnly(unetTrainable);
        this.textEncoder = textEncoder.trainOnly(name -> trainTextEncoder);
        this.unetAdam = new AdamOptimizer(unet.manager(), unet.trainableParameters(), learningRate, warmupSteps);
        this.textAdam = new AdamOptimizer(textEncoder.manager(), textEncoder.trainableParameters(), learningRate, warmupSteps);
        this.unetEma = new ExponentialMovingAverage(unet.manager(), unet.trainableParameters(), emaDecay);
        this.textEma = new ExponentialMovingAverage(textEncoder.manager(), textEncoder.trainableParameters(), emaDecay);
        this.alphaBar = schedule.alphasCumprod();
    }

    /**
     * One optimisation step on a batch of scaled latents.
     *
     * @param latents x_0 (already multiplied by the latent scaling factor), batch x 4 x 16 x 16
     * @param inputIds token ids, batch x L (rows of [PAD] for the unconditional share)
     * @param timesteps t per example in [0, trainTimesteps)
     * @param noise standard normal eps, same size as {@code latents}
     */
    public float step(float[] latents, long[] inputIds, int[] timesteps, float[] noise, Shape latentShape) {
        return step(latents, inputIds, timesteps, noise, latentShape, new boolean[timesteps.length], 1f);
    }

    /**
     * One step where some rows learn from a teacher instead of from the noise: for a row with {@code teacher[b]} the
     * target is the UNet's own prediction with its LoRA slots switched off ({@code lora_scale = 0}), that is the base
     * model's answer to the same noisy latent and caption. An adapter trained this way is pulled back to the base
     * model wherever those rows' captions go (self-distillation; see issue 5's forgetting), instead of towards one
     * noise sample whose variance hides small drifts. {@code teacherWeight} scales those rows' share of the loss.
     */
    public float step(float[] latents, long[] inputIds, int[] timesteps, float[] noise, Shape latentShape,
                      boolean[] teacher, float teacherWeight) {
        int batch = timesteps.length;
        NoisedLatents noised = NoisedLatents.of(latents, noise, timesteps, t -> alphaBar[t], teacher, teacherWeight);
        float[] noisy = noised.noisy();
        float[] weights = noised.weights();
        float[] t = new float[batch];
        for (int b = 0; b < batch; b++) {
            t[b] = timesteps[b];
        }
        try (NDManager scratch = unet.manager().newSubManager()) {
            NDArray xt = scratch.create(noisy, latentShape);
            NDArray target = scratch.create(withTeacherRows(scratch, noisy, inputIds, t, noise, teacher, latentShape),
                    latentShape);
            NDArray ids = scratch.create(inputIds, new Shape(batch, inputIds.length / batch));
            NDArray tArray = scratch.create(t);
            NDArray w = scratch.create(weights, new Shape(batch, 1, 1, 1));
            float loss;
            try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                NDArray text = textEncoder.forward(true, ids);
                NDArray pred = unet.forward(true, xt, tArray, text);
                NDArray total = pred.sub(target).square().mul(w).mean();
                collector.backward(total);
                loss = total.getFloat();
            }
            unetAdam.step();
            textAdam.step();
            unetEma.update(unetAdam.stepCount());
            textEma.update(textAdam.stepCount());
            return loss;
        }
    }

    /**
     * The target of each row: the noise, or for a teacher row the base model's prediction (LoRA slots off, no
     * gradient). Only the teacher rows go through that extra forward.
     */
    private float[] withTeacherRows(NDManager scratch, float[] noisy, long[] inputIds, float[] t, float[] noise,
                                    boolean[] teacher, Shape latentShape) {
        int batch = teacher.length;
        int per = noise.length / batch;
        int length = inputIds.length / batch;
        int[] rows = IntStream.range(0, batch).filter(b -> teacher[b]).toArray();
        if (rows.length == 0) {
            return noise;
        }
        float[] subNoisy = new float[rows.length * per];
        long[] subIds = new long[rows.length * length];
        float[] subT = new float[rows.length];
        for (int r = 0; r < rows.length; r++) {
            System.arraycopy(noisy, rows[r] * per, subNoisy, r * per, per);
            System.arraycopy(inputIds, rows[r] * length, subIds, r * length, length);
            subT[r] = t[rows[r]];
        }
        long[] dims = latentShape.getShape().clone();
        dims[0] = rows.length;
        float[] base = basePrediction(scratch.create(subNoisy, new Shape(dims)), scratch.create(subT),
                scratch.create(subIds, new Shape(rows.length, length)));
        float[] target = noise.clone();
        for (int r = 0; r < rows.length; r++) {
            System.arraycopy(base, r * per, target, rows[r] * per, per);
        }
        return target;
    }

    // The UNet's prediction with every LoRA slot switched off (lora_scale 0), the slots restored afterwards.
    private float[] basePrediction(NDArray xt, NDArray t, NDArray ids) {
        Map<String, float[]> scales = new LinkedHashMap<>();
        unet.parameters().forEach((name, array) -> {
            if (name.endsWith(".lora_scale")) {
                scales.put(name, array.toFloatArray());
                array.set(FloatBuffer.wrap(new float[(int) array.size()]));
            }
        });
        if (scales.isEmpty()) {
            throw new IllegalStateException("teacher targets need a UNet with LoRA slots");
        }
        try {
            NDArray text = textEncoder.forward(true, ids);
            return unet.forward(true, xt, t, text).toFloatArray();
        } finally {
            scales.forEach((name, values) -> unet.parameters().get(name).set(FloatBuffer.wrap(values)));
        }
    }

    public int stepCount() {
        return unetAdam.stepCount();
    }

    public float learningRate() {
        return unetAdam.learningRate(unetAdam.stepCount());
    }

    public TrainableModule unetModule() {
        return unet;
    }

    public TrainableModule textModule() {
        return textEncoder;
    }

    public ExponentialMovingAverage unetEma() {
        return unetEma;
    }

    public ExponentialMovingAverage textEma() {
        return textEma;
    }

    public Map<String, NDArray> state() {
        Map<String, NDArray> state = new LinkedHashMap<>();
        Checkpoint.putPrefixed(state, "unet/", unet.parameters());
        Checkpoint.putPrefixed(state, "text_encoder/", textEncoder.parameters());
        Checkpoint.putList(state, "unet/", unetAdam.state());
        Checkpoint.putList(state, "text_encoder/", textAdam.state());
        Checkpoint.putList(state, "unet/", unetEma.state());
        Checkpoint.putList(state, "text_encoder/", textEma.state());
        return state;
    }

    public void restore(Map<String, NDArray> saved, int step) {
        unet.loadValues(Checkpoint.withPrefix(saved, "unet/"));
        textEncoder.loadValues(Checkpoint.withPrefix(saved, "text_encoder/"));
        unetAdam.restore(Checkpoint.listUnder(saved, "unet/"), step);
        textAdam.restore(Checkpoint.listUnder(saved, "text_encoder/"), step);
        unetEma.restore(Checkpoint.listUnder(saved, "unet/"));
        textEma.restore(Checkpoint.listUnder(saved, "text_encoder/"));
    }
}
