package io.atelier.engine.pipeline;

import ai.djl.ndarray.NDArray;
import io.atelier.engine.AdapterSpec;
import io.atelier.engine.InvalidGenerationParameterException;
import io.atelier.engine.lora.KohyaKeys;
import io.atelier.engine.lora.LoraFile;
import java.io.IOException;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The UNet's LoRA slots (modules with {@code lora_down.weight}, {@code lora_up.weight} and {@code lora_scale}
 * parameters, see docs/atelier-micro.md) and which adapter they hold. The pipeline calls {@link #use} before each
 * batch: an adapter's projections are copied in (a lower rank is padded with zeros) and the scale set to
 * {@code weight * alpha / rank}; {@code null} copies the shipped values back, so the base model's output is
 * bit-identical to a model that never saw an adapter.
 */
final class LoraSlots implements BatchAdapters {
    static final String UNET_PREFIX = KohyaKeys.UNET_PREFIX;
    private static final int CACHED_FILES = 4;

    private record Slot(String module, NDArray down, NDArray up, NDArray scale, float[] baseDown, float[] baseUp,
                        float[] baseScale) {
        int rank() {
            return (int) down.getShape().get(0);
        }
    }

    private final String modelId;
    private final List<Slot> slots = new ArrayList<>();
    private final Map<String, LoraFile> files = new LinkedHashMap<>(8, 0.75f, true);
    private String applied = "";

    /** @param parameters the UNet's parameters by state_dict name, live */
    LoraSlots(String modelId, Map<String, NDArray> parameters) {
        this.modelId = modelId;
        parameters.forEach((name, array) -> {
            if (!name.endsWith(".lora_down.weight")) {
                return;
            }
            String module = name.substring(0, name.length() - ".lora_down.weight".length());
            NDArray up = parameters.get(module + ".lora_up.weight");
            NDArray scale = parameters.get(module + ".lora_scale");
            if (up != null && scale != null) {
                slots.add(new Slot(module, array, up, scale, array.toFloatArray(), up.toFloatArray(),
                        scale.toFloatArray()));
            }
        });
    }

    boolean isEmpty() {
        return slots.isEmpty();
    }

    /**
     * The adapter stays in the slots after the batch (the next batch with the same adapter copies nothing); kohya
     * LoRAs are for checkpoints and are refused here.
     */
    @Override
    public Applied apply(AdapterSpec adapter, List<AdapterSpec> loras) {
        if (!loras.isEmpty()) {
            throw new InvalidGenerationParameterException("loras", "Model '" + modelId + "' takes no kohya LoRAs:"
                    + " they apply to SD-1.x checkpoints (this model's own adapters go in 'adapter').");
        }
        use(adapter);
        return () -> { };
    }

    /** Puts {@code adapter}'s projections in the slots, or the shipped ones for {@code null}. */
    void use(AdapterSpec adapter) {
        String wanted = adapter == null ? "" : identity(adapter);
        if (wanted.equals(applied)) {
            return;
        }
        applied = "";
        if (adapter == null) {
            for (Slot slot : slots) {
                set(slot.down, slot.baseDown);
                set(slot.up, slot.baseUp);
                set(slot.scale, slot.baseScale);
            }
            return;
        }
        if (slots.isEmpty()) {
            throw new InvalidGenerationParameterException("adapter", "Model '" + modelId + "' has no LoRA slots.");
        }
        LoraFile file = file(adapter, wanted);
        // Step 1: check every slot the file names before touching the model, so a bad file leaves it as it was.
        int matched = 0;
        for (Slot slot : slots) {
            String prefix = UNET_PREFIX + slot.module.replace('.', '_');
            LoraFile.FloatTensor down = file.tensor(prefix + ".lora_down.weight");
            LoraFile.FloatTensor up = file.tensor(prefix + ".lora_up.weight");
            if (down == null && up == null) {
                continue;
            }
            if (down == null || up == null || !fits(slot, down, up)) {
                throw unfit();
            }
            matched++;
        }
        if (matched == 0) {
            throw unfit();
        }
        // Step 2: copy, padding the rank up to the slot's; slots the adapter does not cover stay inert (up = 0).
        for (Slot slot : slots) {
            String prefix = UNET_PREFIX + slot.module.replace('.', '_');
            LoraFile.FloatTensor down = file.tensor(prefix + ".lora_down.weight");
            LoraFile.FloatTensor up = file.tensor(prefix + ".lora_up.weight");
            int slotRank = slot.rank();
            int in = (int) slot.down.getShape().get(1);
            int out = (int) slot.up.getShape().get(0);
            float[] newDown = new float[slotRank * in];
            float[] newUp = new float[out * slotRank];
            float scale = 0f;
            if (down != null) {
                int rank = (int) down.shape()[0];
                System.arraycopy(down.values(), 0, newDown, 0, rank * in);
                for (int o = 0; o < out; o++) {
                    System.arraycopy(up.values(), o * rank, newUp, o * slotRank, rank);
                }
                LoraFile.FloatTensor alpha = file.tensor(prefix + ".alpha");
                double alphaValue = alpha != null && alpha.values().length == 1 ? alpha.values()[0] : rank;
                scale = (float) (adapter.weight() * alphaValue / rank);
            }
            set(slot.down, newDown);
            set(slot.up, newUp);
            set(slot.scale, new float[] {scale});
        }
        applied = wanted;
    }

    private static boolean fits(Slot slot, LoraFile.FloatTensor down, LoraFile.FloatTensor up) {
        long in = slot.down.getShape().get(1);
        long out = slot.up.getShape().get(0);
        return down.shape().length == 2 && up.shape().length == 2 && down.shape()[0] >= 1
                && down.shape()[0] <= slot.rank() && down.shape()[1] == in && up.shape()[0] == out
                && up.shape()[1] == down.shape()[0];
    }

    private InvalidGenerationParameterException unfit() {
        return new InvalidGenerationParameterException("adapter", "The adapter does not fit model '" + modelId + "'.");
    }

    private LoraFile file(AdapterSpec adapter, String identity) {
        String key = identity.substring(0, identity.lastIndexOf('|'));
        LoraFile file = files.get(key);
        if (file == null) {
            try {
                file = LoraFile.read(adapter.file());
            } catch (IOException | IllegalArgumentException e) {
                throw new InvalidGenerationParameterException("adapter", "The adapter file cannot be read.");
            }
            files.put(key, file);
            while (files.size() > CACHED_FILES) {
                files.remove(files.keySet().iterator().next());
            }
        }
        return file;
    }

    /** Path, size and modification time (a rewritten file is read again) and weight. */
    private static String identity(AdapterSpec adapter) {
        String stamp;
        try {
            stamp = Files.size(adapter.file()) + "@" + Files.getLastModifiedTime(adapter.file()).toMillis();
        } catch (IOException e) {
            throw new InvalidGenerationParameterException("adapter", "The adapter file cannot be read.");
        }
        return adapter.file() + "|" + stamp + "|" + adapter.weight();
    }

    private static void set(NDArray target, float[] values) {
        target.set(FloatBuffer.wrap(values));
    }
}
