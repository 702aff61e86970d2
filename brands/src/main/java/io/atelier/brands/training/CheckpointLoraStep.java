package io.atelier.brands.training;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import io.atelier.engine.sampler.NoiseSchedule;
import io.atelier.engine.sd.Sd1Model;
import io.atelier.micro.train.AdamOptimizer;
import io.atelier.micro.train.NoisedLatents;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * One optimisation step of a LoRA on an SD-1.x checkpoint, with DJL autograd over the engine's own UNet forward:
 * the forward runs over {@code W + up @ down} ({@link CheckpointLoraWeights#merged}), the loss is atelier-micro's
 * (epsilon target, Min-SNR-5 weights, {@link NoisedLatents}), and Adam updates only the LoRA pairs. The noise
 * schedule is the engine's ({@link NoiseSchedule}), the one its samplers generate with.
 *
 * <p>A row trained towards the teacher has as target the base checkpoint's own prediction for the same noisy latent
 * and caption (the forward without the LoRA, outside the gradient collector), as atelier-micro's adapters do.
 */
final class CheckpointLoraStep {
    private final Sd1Model model;
    private final CheckpointLoraWeights lora;
    private final NoiseSchedule schedule;
    private final AdamOptimizer adam;

    CheckpointLoraStep(Sd1Model model, CheckpointLoraWeights lora, NoiseSchedule schedule, NDManager stateManager,
                       float learningRate, int warmupSteps) {
        this.model = model;
        this.lora = lora;
        this.schedule = schedule;
        this.adam = new AdamOptimizer(stateManager, lora.trainable(), learningRate, warmupSteps);
    }

    /**
     * @param latents x_0 rows, already scaled, [B, 4, h, w] flattened
     * @param contexts text states of each row, [B, L, width] flattened
     * @return the step's weighted loss
     */
    float step(float[] latents, Shape latentShape, float[] contexts, Shape contextShape, int[] timesteps,
               float[] noise, boolean[] teacher, float teacherWeight) {
        NoisedLatents noised = NoisedLatents.of(latents, noise, timesteps, schedule::alphaCumprod, teacher,
                teacherWeight);
        int batch = timesteps.length;
        float[] t = new float[batch];
        for (int b = 0; b < batch; b++) {
            t[b] = timesteps[b];
        }
        try (NDManager scratch = NDManager.newBaseManager(model.device())) {
            NDArray xt = scratch.create(noised.noisy(), latentShape);
            NDArray tArray = scratch.create(t);
            NDArray context = scratch.create(contexts, contextShape);
            NDArray target = scratch.create(withTeacherRows(scratch, noised.noisy(), latentShape, t, contexts,
                    contextShape, noise, teacher), latentShape);
            NDArray w = scratch.create(noised.weights(), new Shape(batch, 1, 1, 1));
            float loss = backward(scratch, xt, tArray, context, target, w);
            adam.step();
            return loss;
        }
    }

    /**
     * mean(w * (unet(x_t, t, context) - target)^2) through the LoRA, its gradients left on the LoRA pairs (the
     * optimiser's step takes and clears them).
     *
     * @param w per-row loss weights [B, 1, 1, 1]
     */
    float backward(NDManager scratch, NDArray xt, NDArray t, NDArray context, NDArray target, NDArray w) {
        try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
            Sd1Model adapted = model.withReplaced(lora.merged(model, scratch));
            NDArray pred = adapted.predictNoise(xt, t, context);
            NDArray total = pred.sub(target).square().mul(w).mean();
            collector.backward(total);
            return total.getFloat();
        }
    }

    /** Each row's target: the noise, or for a teacher row the base checkpoint's prediction (no gradient). */
    private float[] withTeacherRows(NDManager scratch, float[] noisy, Shape latentShape, float[] t, float[] contexts,
                                    Shape contextShape, float[] noise, boolean[] teacher) {
        int[] rows = IntStream.range(0, teacher.length).filter(b -> teacher[b]).toArray();
        if (rows.length == 0) {
            return noise;
        }
        int per = noise.length / teacher.length;
        int perContext = contexts.length / teacher.length;
        float[] subNoisy = new float[rows.length * per];
        float[] subContexts = new float[rows.length * perContext];
        float[] subT = new float[rows.length];
        for (int r = 0; r < rows.length; r++) {
            System.arraycopy(noisy, rows[r] * per, subNoisy, r * per, per);
            System.arraycopy(contexts, rows[r] * perContext, subContexts, r * perContext, perContext);
            subT[r] = t[rows[r]];
        }
        long[] latentDims = latentShape.getShape().clone();
        latentDims[0] = rows.length;
        long[] contextDims = contextShape.getShape().clone();
        contextDims[0] = rows.length;
        float[] base = model.predictNoise(scratch.create(subNoisy, new Shape(latentDims)), scratch.create(subT),
                scratch.create(subContexts, new Shape(contextDims))).toFloatArray();
        float[] target = noise.clone();
        for (int r = 0; r < rows.length; r++) {
            System.arraycopy(base, r * per, target, rows[r] * per, per);
        }
        return target;
    }

    int stepCount() {
        return adam.stepCount();
    }

    float learningRate() {
        return adam.learningRate(adam.stepCount());
    }

    /** The LoRA pairs and Adam's moments, named for a checkpoint. */
    Map<String, NDArray> state() {
        Map<String, NDArray> state = new LinkedHashMap<>();
        for (NDArray array : lora.state()) {
            state.put(array.getName(), array);
        }
        for (NDArray array : adam.state()) {
            state.put(array.getName(), array);
        }
        return state;
    }

    void restore(Map<String, NDArray> saved, int step) {
        lora.restore(saved);
        NDList moments = new NDList();
        saved.forEach((name, array) -> {
            if (name.startsWith("adam_m/") || name.startsWith("adam_v/")) {
                moments.add(array);
            }
        });
        adam.restore(moments, step);
    }
}
