package io.atelier.engine.sd;

import io.atelier.engine.safetensors.SafeTensorsFile;
import io.atelier.engine.safetensors.SafeTensorsFormatException;
import io.atelier.engine.safetensors.TensorInfo;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * A kohya-format LoRA ({@code <module>.lora_down.weight} [r, in(, kh, kw)], {@code <module>.lora_up.weight}
 * [out, r(, 1, 1)], optional {@code <module>.alpha}; F32, F16 or BF16) matched against one SD-1.x architecture:
 * every module is found through {@link DiffusersNames} and its pair checked against the checkpoint tensor it changes.
 * A file that does not fit whole (an unknown key, a module this model lacks, a shape that differs, an SDXL or
 * LyCORIS file, an empty one) is refused with a {@link LoraException} naming what does not fit; nothing is skipped.
 */
public final class KohyaLora {
    private static final String DOWN = ".lora_down.weight";
    private static final String UP = ".lora_up.weight";
    private static final String ALPHA = ".alpha";
    private static final int NAMES_SHOWN = 3;

    /**
     * One module's change, {@code delta W = alpha / rank * up @ down} reshaped to the tensor's shape.
     *
     * @param up [out, rank] row-major
     * @param down [rank, in * kh * kw] row-major
     */
    public record Delta(String module, String tensor, long[] tensorShape, int rank, float[] up, float[] down,
                        double alpha) {
        public double scale() {
            return alpha / rank;
        }
    }

    private final List<Delta> deltas;

    private KohyaLora(List<Delta> deltas) {
        this.deltas = deltas;
    }

    /** The module changes, ordered by checkpoint tensor name. */
    public List<Delta> deltas() {
        return deltas;
    }

    /**
     * Reads and checks a LoRA file against a model of this architecture.
     *
     * @throws LoraException when the file is not a LoRA this model can take (the message names the module)
     * @throws IOException when the file cannot be read (a damaged safetensors file is a {@link LoraException})
     */
    public static KohyaLora read(Path file, Sd1Config config, DiffusersNames names) throws IOException {
        Map<String, long[]> shapes = Sd1Layout.expectedShapes(config);
        try (SafeTensorsFile st = SafeTensorsFile.open(file)) {
            return of(st, shapes, names);
        } catch (SafeTensorsFormatException e) {
            throw new LoraException("it is not a valid safetensors file (" + e.getMessage() + ")");
        }
    }

    private static KohyaLora of(SafeTensorsFile st, Map<String, long[]> shapes, DiffusersNames names)
            throws IOException {
        Map<String, TensorInfo> tensors = st.tensors();
        if (tensors.isEmpty()) {
            throw new LoraException("it holds no LoRA modules (no tensors at all)");
        }
        // Step 1: every key must be part of a kohya LoRA pair.
        TreeSet<String> modules = new TreeSet<>();
        List<String> unknownKeys = new ArrayList<>();
        for (String key : tensors.keySet()) {
            String module = moduleOf(key);
            if (module == null) {
                unknownKeys.add(key);
            } else {
                modules.add(module);
            }
        }
        if (unknownKeys.stream().anyMatch(k -> k.contains(".hada_") || k.contains(".lokr_"))) {
            throw new LoraException("it is a LyCORIS LoHa/LoKr file; only LoRA files (lora_down / lora_up) are"
                    + " supported");
        }
        if (!unknownKeys.isEmpty()) {
            throw new LoraException("it has keys that are not part of a LoRA: " + shown(unknownKeys));
        }
        // Step 2: every module must exist in this model.
        if (modules.stream().anyMatch(m -> m.startsWith("lora_te1_") || m.startsWith("lora_te2_"))) {
            throw new LoraException("it is written for SDXL (two text encoders, lora_te1_ / lora_te2_); this model"
                    + " is SD-1.x");
        }
        List<String> unknownModules = modules.stream()
                .filter(m -> names.checkpointModuleOfKohya(m).isEmpty()).toList();
        if (!unknownModules.isEmpty()) {
            throw new LoraException("it names modules this SD-1.x model does not have (another architecture?): "
                    + shown(unknownModules));
        }
        // Step 3: every pair must be complete and fit the tensor it changes.
        Map<String, Delta> byTensor = new TreeMap<>();
        for (String module : modules) {
            String tensor = names.checkpointModuleOfKohya(module).orElseThrow() + ".weight";
            Delta delta = delta(st, module, tensor, shapes.get(tensor));
            if (byTensor.put(tensor, delta) != null) {
                throw new LoraException("it changes " + tensor + " twice (" + module + ")");
            }
        }
        return new KohyaLora(List.copyOf(byTensor.values()));
    }

    private static Delta delta(SafeTensorsFile st, String module, String tensor, long[] shape) throws IOException {
        if (!st.tensors().containsKey(module + DOWN) || !st.tensors().containsKey(module + UP)) {
            throw new LoraException("module " + module + " lacks its " + (st.tensors().containsKey(module + DOWN)
                    ? "lora_up" : "lora_down") + " weight");
        }
        long[] down = st.info(module + DOWN).shape();
        long[] up = st.info(module + UP).shape();
        if (!fits(shape, down, up)) {
            throw new LoraException("module " + module + " does not fit: the model's " + tensor + " is "
                    + Arrays.toString(shape) + ", the LoRA's lora_up x lora_down is " + Arrays.toString(up) + " x "
                    + Arrays.toString(down));
        }
        int rank = (int) down[0];
        double alpha = rank;
        if (st.tensors().containsKey(module + ALPHA)) {
            float[] values = st.floats(module + ALPHA);
            if (values.length != 1 || !Float.isFinite(values[0])) {
                throw new LoraException("module " + module + " has an alpha that is not one number");
            }
            alpha = values[0];
        }
        return new Delta(module, tensor, shape.clone(), rank, st.floats(module + UP), st.floats(module + DOWN),
                alpha);
    }

    /**
     * up [out, r] or [out, r, 1, 1]; down [r, in] for a linear, [r, in, kh, kw] for a convolution, or [r, in] for a
     * 1x1 convolution (as linear-form trainers write proj_in / proj_out).
     */
    static boolean fits(long[] weight, long[] down, long[] up) {
        if (down.length < 2 || down[0] < 1 || up.length < 2 || up[1] != down[0] || up[0] != weight[0]) {
            return false;
        }
        for (int i = 2; i < up.length; i++) {
            if (up[i] != 1 || up.length != 4) {
                return false;
            }
        }
        if (down.length == weight.length) {
            return Arrays.equals(Arrays.copyOfRange(down, 1, down.length),
                    Arrays.copyOfRange(weight, 1, weight.length));
        }
        return weight.length == 4 && weight[2] == 1 && weight[3] == 1 && down.length == 2 && down[1] == weight[1];
    }

    private static String moduleOf(String key) {
        for (String suffix : new String[] {DOWN, UP, ALPHA}) {
            if (key.endsWith(suffix) && key.length() > suffix.length()) {
                return key.substring(0, key.length() - suffix.length());
            }
        }
        return null;
    }

    private static String shown(List<String> names) {
        List<String> sorted = new ArrayList<>(names);
        Collections.sort(sorted);
        String first = String.join(", ", sorted.subList(0, Math.min(NAMES_SHOWN, sorted.size())));
        return sorted.size() > NAMES_SHOWN ? first + " (and " + (sorted.size() - NAMES_SHOWN) + " more)" : first;
    }
}
