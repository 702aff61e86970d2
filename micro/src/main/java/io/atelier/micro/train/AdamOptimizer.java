package io.atelier.micro.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Adam with linear warm-up, whose moments we own so that a checkpoint can carry them.
 *
 * <p>The update itself is libtorch's fused kernel (the one DJL's own Adam calls): per parameter
 * m = b1 m + (1-b1) g, v = b2 v + (1-b2) g^2, w -= lr * sqrt(1-b2^t)/(1-b1^t) * m / (sqrt(v)+eps).
 */
public final class AdamOptimizer {

    private static final float BETA1 = 0.9f;
    private static final float BETA2 = 0.999f;
    private static final float EPSILON = 1e-8f;

    private final Map<String, NDArray> weights;
    private final Map<String, NDArray> means = new LinkedHashMap<>();
    private final Map<String, NDArray> variances = new LinkedHashMap<>();
    private final float peakLearningRate;
    private final int warmupSteps;
    private int step;

    public AdamOptimizer(NDManager manager, Map<String, NDArray> weights, float peakLearningRate, int warmupSteps) {
        this.weights = weights;
        this.peakLearningRate = peakLearningRate;
        this.warmupSteps = warmupSteps;
        weights.forEach((name, w) -> {
            means.put(name, manager.zeros(w.getShape()));
            variances.put(name, manager.zeros(w.getShape()));
        });
    }

    public float learningRate(int atStep) {
        return peakLearningRate * Math.min(1f, (atStep + 1f) / Math.max(1, warmupSteps));
    }

    /** Applies one update from the gradients accumulated on the weights, then clears them. */
    public void step() {
        step++;
        float lr = learningRate(step - 1);
        float biasCorrected = (float) (lr * Math.sqrt(1 - Math.pow(BETA2, step)) / (1 - Math.pow(BETA1, step)));
        for (Map.Entry<String, NDArray> e : weights.entrySet()) {
            PtNDArray w = (PtNDArray) e.getValue();
            PtNDArray g = (PtNDArray) w.getGradient();
            JniUtils.adamUpdate(w, g, (PtNDArray) means.get(e.getKey()), (PtNDArray) variances.get(e.getKey()),
                    lr, biasCorrected, 0f, 1f, -1f, BETA1, BETA2, EPSILON, false);
            g.close();
            JniUtils.zeroGrad(w);
        }
    }

    public int stepCount() {
        return step;
    }

    /** Moments named {@code adam_m/<param>} and {@code adam_v/<param>} for a checkpoint. */
    public NDList state() {
        NDList list = new NDList();
        means.forEach((name, m) -> { m.setName("adam_m/" + name); list.add(m); });
        variances.forEach((name, v) -> { v.setName("adam_v/" + name); list.add(v); });
        return list;
    }

    public void restore(NDList saved, int savedStep) {
        for (NDArray array : saved) {
            String name = array.getName();
            if (name.startsWith("adam_m/")) {
                means.get(name.substring(7)).set(array.toByteBuffer());
            } else if (name.startsWith("adam_v/")) {
                variances.get(name.substring(7)).set(array.toByteBuffer());
            }
        }
        this.step = savedStep;
    }
}
