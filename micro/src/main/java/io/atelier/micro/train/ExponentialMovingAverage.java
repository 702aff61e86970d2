package io.atelier.micro.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * EMA of trained weights: shadow = d * shadow + (1 - d) * w, with the usual warm-up
 * d = min(decay, (1 + n) / (10 + n)) so early shadows are not dominated by the random init.
 * The exported model carries the shadow weights, which sample noticeably cleaner than the raw ones.
 */
public final class ExponentialMovingAverage {

    private final Map<String, NDArray> weights;
    private final Map<String, NDArray> shadows = new LinkedHashMap<>();
    private final float decay;

    public ExponentialMovingAverage(NDManager manager, Map<String, NDArray> weights, float decay) {
        this.weights = weights;
        this.decay = decay;
        weights.forEach((name, w) -> shadows.put(name, manager.create(w.toFloatArray(), w.getShape())));
    }

    public void update(int step) {
        if (shadows.isEmpty()) {
            return;
        }
        float d = Math.min(decay, (1f + step) / (10f + step));
        try (NDManager scratch = shadows.values().iterator().next().getManager().newSubManager()) {
            for (Map.Entry<String, NDArray> e : shadows.entrySet()) {
                NDArray w = weights.get(e.getKey());
                NDArray scaled = w.mul(1f - d);
                scaled.attach(scratch);
                e.getValue().muli(d).addi(scaled);
            }
        }
    }

    public Map<String, NDArray> shadows() {
        return shadows;
    }

    public NDList state() {
        NDList list = new NDList();
        shadows.forEach((name, s) -> { s.setName("ema/" + name); list.add(s); });
        return list;
    }

    public void restore(NDList saved) {
        for (NDArray array : saved) {
            if (array.getName() != null && array.getName().startsWith("ema/")) {
                shadows.get(array.getName().substring(4)).set(array.toByteBuffer());
            }
        }
    }
}
