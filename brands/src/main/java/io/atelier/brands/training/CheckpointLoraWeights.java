package io.atelier.brands.training;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.atelier.brands.safetensors.Tensor;
import io.atelier.engine.lora.KohyaKeys;
import io.atelier.engine.sd.DiffusersNames;
import io.atelier.engine.sd.Sd1Layout;
import io.atelier.engine.sd.Sd1Model;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.regex.Pattern;

/**
 * The trainable LoRA of an SD-1.x checkpoint's UNet: a {@code lora_down} [r, in] and {@code lora_up} [out, r] pair
 * for each attention projection of its transformer blocks ({@code attn1}/{@code attn2} {@code to_q}, {@code to_k},
 * {@code to_v}, {@code to_out.0}) and optionally the 1x1-conv {@code proj_in}/{@code proj_out}.
 *
 * <p>The networks run over merged copies {@code W + up @ down} ({@link #merged}), the very formula and operation order
 * the inference path ({@code LoraPatch}) applies a kohya file with at weight 1, so the file this exports generates what
 * training saw. Alpha equals the rank (scale 1). The checkpoint's own tensors are only read.
 */
public final class CheckpointLoraWeights implements AutoCloseable {
    private static final Pattern ATTENTION = Pattern.compile(
            "\\.transformer_blocks\\.\\d+\\.attn[12]\\.(to_q|to_k|to_v|to_out\\.0)\\.weight$");
    private static final Pattern PROJECTIONS = Pattern.compile("\\.(proj_in|proj_out)\\.weight$");
    private static final String DOWN = ".lora_down";
    private static final String UP = ".lora_up";

    /** One changed tensor: its checkpoint name and shape, its kohya keys, its pair. */
    private record Slot(String tensor, long[] shape, KohyaKeys keys, NDArray down, NDArray up) {
    }

    private final NDManager manager;
    private final int rank;
    private final List<Slot> slots;
    private final Map<String, NDArray> trainable = new LinkedHashMap<>();

    private CheckpointLoraWeights(NDManager manager, int rank, List<Slot> slots) {
        this.manager = manager;
        this.rank = rank;
        this.slots = slots;
        for (Slot slot : slots) {
            trainable.put(slot.tensor() + DOWN, slot.down());
            trainable.put(slot.tensor() + UP, slot.up());
        }
    }

    /**
     * Fresh weights: {@code lora_down} uniform in ±1/sqrt(in) (kaiming-uniform as peft and kohya start), drawn from
     * {@code seed}; {@code lora_up} zero, so the model starts as the base (VERIFIED-FACTS: both zero learns nothing).
     */
    public static CheckpointLoraWeights create(Sd1Model model, int rank, long seed, boolean projections) {
        if (rank < 1) {
            throw new IllegalArgumentException("rank must be at least 1");
        }
        DiffusersNames names = DiffusersNames.of(model.config());
        SplittableRandom random = new SplittableRandom(seed);
        NDManager manager = NDManager.newBaseManager(Device.cpu());
        List<Slot> slots = new ArrayList<>();
        for (Map.Entry<String, long[]> tensor : Sd1Layout.expectedShapes(model.config()).entrySet().stream()
                .filter(e -> e.getKey().startsWith(Sd1Layout.UNET)).sorted(Map.Entry.comparingByKey()).toList()) {
            String name = tensor.getKey();
            if (!ATTENTION.matcher(name).find() && !(projections && PROJECTIONS.matcher(name).find())) {
                continue;
            }
            String module = name.substring(0, name.length() - ".weight".length());
            String diffusers = names.diffusersModule(module)
                    .orElseThrow(() -> new IllegalStateException("no diffusers name for " + module)).name();
            long[] shape = tensor.getValue();
            int out = (int) shape[0];
            int in = (int) (Arrays.stream(shape).reduce(1, (a, b) -> a * b) / out);
            float bound = (float) (1 / Math.sqrt(in));
            float[] down = new float[rank * in];
            for (int i = 0; i < down.length; i++) {
                down[i] = (float) ((random.nextDouble() * 2 - 1) * bound);
            }
            NDArray downArray = manager.create(down, new Shape(rank, in));
            NDArray upArray = manager.zeros(new Shape(out, rank));
            downArray.setRequiresGradient(true);
            upArray.setRequiresGradient(true);
            slots.add(new Slot(name, shape, KohyaKeys.forUnetModule(diffusers), downArray, upArray));
        }
        return new CheckpointLoraWeights(manager, rank, slots);
    }

    public int rank() {
        return rank;
    }

    /** The checkpoint tensors this LoRA changes. */
    public List<String> tensors() {
        return slots.stream().map(Slot::tensor).toList();
    }

    /** The learnt arrays by name ({@code <tensor>.lora_down}, {@code <tensor>.lora_up}), for the optimiser. */
    public Map<String, NDArray> trainable() {
        return trainable;
    }

    /**
     * {@code W + up @ down} for every slot, on {@code scratch}; inside a gradient collector the sums carry the graph
     * back to the pairs. Handed to {@link Sd1Model#withReplaced}.
     */
    public Map<String, NDArray> merged(Sd1Model model, NDManager scratch) {
        Map<String, NDArray> merged = new LinkedHashMap<>();
        for (Slot slot : slots) {
            NDArray product = slot.up().matMul(slot.down());
            product.attach(scratch);
            // The delta first: the sum lands on the scratch manager, as in LoraPatch (same operand order, same bits).
            merged.put(slot.tensor(), product.reshape(new Shape(slot.shape())).add(model.parameter(slot.tensor())));
        }
        return merged;
    }

    /** The pairs and alphas under kohya names, the file A1111, ComfyUI and the engine's LoRA path read. */
    public List<Tensor> export() {
        List<Tensor> tensors = new ArrayList<>();
        for (Slot slot : slots) {
            tensors.add(Tensor.ofFloats(slot.keys().down(), slot.down().getShape().getShape(),
                    slot.down().toFloatArray()));
            tensors.add(Tensor.ofFloats(slot.keys().up(), slot.up().getShape().getShape(), slot.up().toFloatArray()));
            tensors.add(Tensor.ofFloats(slot.keys().alpha(), new long[] {}, new float[] {rank}));
        }
        return tensors;
    }

    /** The learnt arrays named for a checkpoint. */
    public NDList state() {
        NDList list = new NDList();
        trainable.forEach((name, array) -> {
            array.setName(name);
            list.add(array);
        });
        return list;
    }

    /** Copies saved values into the pairs in place; names that are not pairs of this LoRA are ignored. */
    public void restore(Map<String, NDArray> saved) {
        trainable.forEach((name, array) -> {
            NDArray value = saved.get(name);
            if (value == null || !value.getShape().equals(array.getShape())) {
                throw new IllegalStateException("the checkpoint lacks " + name + " (another rank or model?)");
            }
            array.set(value.toByteBuffer());
        });
    }

    @Override
    public void close() {
        manager.close();
    }
}
