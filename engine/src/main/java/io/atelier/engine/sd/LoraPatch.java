package io.atelier.engine.sd;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Merged copies of the tensors some LoRAs change, {@code W' = W + sum(weight * alpha / rank * up @ down)}, made on
 * the model's device in float32 and stored in its compute type. The model's own tensors are only read (on a CPU they
 * are the checkpoint's read-only mapping); {@link Sd1Model#withReplaced} runs the networks over the copies. A LoRA
 * at weight 0 changes nothing, so its patch is empty and the output is the base model's, bit for bit.
 */
public final class LoraPatch implements AutoCloseable {
    /** A LoRA and the weight it is applied with (negative weights push away from what it learnt). */
    public record Entry(KohyaLora lora, double weight) {
    }

    private record Scaled(KohyaLora.Delta delta, double weight) {
    }

    private final NDManager manager;
    private final Map<String, NDArray> merged;

    private LoraPatch(NDManager manager, Map<String, NDArray> merged) {
        this.manager = manager;
        this.merged = merged;
    }

    /** Merges the entries in the given order (so the same list gives the same bits). */
    public static LoraPatch merge(Sd1Model model, List<Entry> entries) {
        // Step 1: each changed tensor's deltas, in tensor-name order.
        Map<String, List<Scaled>> byTensor = new TreeMap<>();
        for (Entry entry : entries) {
            if (entry.weight() == 0.0) {
                continue;
            }
            for (KohyaLora.Delta delta : entry.lora().deltas()) {
                byTensor.computeIfAbsent(delta.tensor(), t -> new ArrayList<>()).add(new Scaled(delta, entry.weight()));
            }
        }
        // Step 2: W + the sum of the deltas, one tensor at a time so that scratch memory stays one tensor's worth.
        NDManager manager = NDManager.newBaseManager(model.device());
        Map<String, NDArray> merged = new LinkedHashMap<>();
        try {
            for (Map.Entry<String, List<Scaled>> tensor : byTensor.entrySet()) {
                NDArray base = model.parameter(tensor.getKey());
                try (NDManager scratch = manager.newSubManager()) {
                    NDArray sum = null;
                    for (Scaled scaled : tensor.getValue()) {
                        KohyaLora.Delta delta = scaled.delta();
                        double weight = scaled.weight();
                        long out = delta.tensorShape()[0];
                        NDArray up = scratch.create(delta.up(), new Shape(out, delta.rank()));
                        NDArray down = scratch.create(delta.down(), new Shape(delta.rank(),
                                delta.down().length / delta.rank()));
                        NDArray product = up.matMul(down).muli((float) (weight * delta.scale()));
                        sum = sum == null ? product : sum.addi(product);
                    }
                    // The sum is the first operand: the result lands on the scratch manager, never the model's,
                    // and the base is only read.
                    NDArray base32 = base.getDataType() == DataType.FLOAT32 ? base : base.toType(DataType.FLOAT32,
                            true);
                    if (base32 != base) {
                        base32.attach(scratch);
                    }
                    NDArray result = sum.reshape(base.getShape()).add(base32);
                    NDArray stored = result.getDataType() == base.getDataType() ? result
                            : result.toType(base.getDataType(), true);
                    stored.attach(manager);
                    merged.put(tensor.getKey(), stored);
                }
            }
        } catch (RuntimeException e) {
            manager.close();
            throw e;
        }
        return new LoraPatch(manager, Collections.unmodifiableMap(merged));
    }

    /** The merged tensors by checkpoint name. */
    public Map<String, NDArray> tensors() {
        return merged;
    }

    /** Bytes the merged copies take. */
    public long bytes() {
        return merged.values().stream().mapToLong(a -> a.getShape().size() * a.getDataType().getNumOfBytes()).sum();
    }

    @Override
    public void close() {
        manager.close();
    }
}
