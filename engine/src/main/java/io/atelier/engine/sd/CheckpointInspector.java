package io.atelier.engine.sd;

import io.atelier.engine.safetensors.TensorSource;
import io.atelier.engine.lora.KohyaKeys;
import io.atelier.engine.safetensors.TensorInfo;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Tells what a safetensors file is from its header alone (names and shapes; no tensor is read): an SD-1.x
 * checkpoint in the original layout, with its architecture, or a sentence saying why it is not one we can run
 * (SDXL, SD-2.x, an inpainting model, a LoRA, something else, or a file whose tensors do not fit together).
 * New families (SDXL next: {@code conditioner.embedders.*}, two text encoders) get their own branch and layout class.
 */
public final class CheckpointInspector {
    private static final int MAX_REPORTED = 3;
    /** Tensors under the model prefixes that SD-1.x files carry and the architecture does not use. */
    private static final Set<String> TOLERATED = Set.of(Sd1Layout.TEXT + "embeddings.position_ids");

    private CheckpointInspector() {
    }

    /** @throws LayoutException with the reason when the file is not a runnable SD-1.x checkpoint */
    public static Sd1Config inspect(TensorSource file) {
        return inspect(file.tensors());
    }

    /** The same, from a header's tensor descriptions. */
    public static Sd1Config inspect(Map<String, TensorInfo> tensors) {
        // Step 1: the family, from the name prefixes every exporter keeps.
        if (anyStartsWith(tensors, "conditioner.embedders.")) {
            throw new LayoutException("it is an SDXL checkpoint; this version runs SD-1.x checkpoints (SDXL is next)");
        }
        if (anyStartsWith(tensors, "cond_stage_model.model.")) {
            throw new LayoutException("it is an SD-2.x checkpoint (OpenCLIP text encoder); this version runs SD-1.x");
        }
        if (anyStartsWith(tensors, KohyaKeys.UNET_PREFIX) || anyStartsWith(tensors, KohyaKeys.TEXT_PREFIX)) {
            throw new LayoutException("it is a LoRA, not a checkpoint");
        }
        for (String prefix : List.of(Sd1Layout.UNET, Sd1Layout.TEXT, Sd1Layout.VAE)) {
            if (!anyStartsWith(tensors, prefix)) {
                throw new LayoutException("it is not a Stable Diffusion checkpoint (no " + prefix + "* tensors)");
            }
        }
        TensorInfo convIn = tensors.get(Sd1Layout.UNET + "input_blocks.0.0.weight");
        if (convIn != null && convIn.shape().length == 4 && convIn.shape()[1] == 9) {
            throw new LayoutException("it is an inpainting checkpoint (9 input channels); not supported yet");
        }
        // Step 2: the architecture from anchor shapes, then every tensor it implies checked against the file.
        Map<String, long[]> shapes = new LinkedHashMap<>();
        tensors.forEach((name, info) -> shapes.put(name, info.shape()));
        Sd1Config config = Sd1Layout.infer(shapes);
        Map<String, long[]> expected = Sd1Layout.expectedShapes(config);
        List<String> problems = new ArrayList<>();
        expected.forEach((name, shape) -> {
            TensorInfo info = tensors.get(name);
            if (info == null) {
                problems.add("tensor '" + name + "' is missing");
            } else if (!sameShape(shape, info.shape())) {
                problems.add("tensor '" + name + "' has shape " + info.shapeText() + " where "
                        + Arrays.toString(shape) + " is expected");
            } else if (!info.type().isFloat()) {
                problems.add("tensor '" + name + "' is " + info.type().wireName() + ", not a float type");
            }
        });
        tensors.keySet().stream()
                .filter(name -> name.startsWith(Sd1Layout.UNET) || name.startsWith(Sd1Layout.TEXT)
                        || name.startsWith(Sd1Layout.VAE))
                .filter(name -> !expected.containsKey(name) && !TOLERATED.contains(name))
                .forEach(name -> problems.add("tensor '" + name + "' is not part of an SD-1.x model"));
        if (!problems.isEmpty()) {
            String shown = String.join("; ", problems.subList(0, Math.min(MAX_REPORTED, problems.size())));
            String more = problems.size() > MAX_REPORTED ? " (and " + (problems.size() - MAX_REPORTED) + " more)" : "";
            throw new LayoutException("its tensors do not form an SD-1.x model: " + shown + more);
        }
        return config;
    }

    /** Equal shapes; a 1x1 convolution stored as a linear [out, in] matrix (some exporters do) also counts. */
    static boolean sameShape(long[] expected, long[] actual) {
        if (Arrays.equals(expected, actual)) {
            return true;
        }
        return expected.length == 4 && actual.length == 2 && expected[2] == 1 && expected[3] == 1
                && expected[0] == actual[0] && expected[1] == actual[1];
    }

    private static boolean anyStartsWith(Map<String, TensorInfo> tensors, String prefix) {
        return tensors.keySet().stream().anyMatch(name -> name.startsWith(prefix));
    }
}
