package io.atelier.engine.lora;

import io.atelier.engine.safetensors.SafeTensorsFile;
import io.atelier.engine.safetensors.SafeTensorsFormatException;
import io.atelier.engine.safetensors.TensorInfo;
import io.atelier.engine.safetensors.TensorType;
import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * The float tensors of a LoRA safetensors file, read whole: adapters for atelier-micro are small. F32, F16 and BF16
 * tensors are read (as float32); others are skipped.
 */
public final class LoraFile {
    /** A tensor's values (row-major float32) and shape. */
    public record FloatTensor(long[] shape, float[] values) {
        public long size() {
            long n = 1;
            for (long d : shape) {
                n *= d;
            }
            return n;
        }
    }

    private final Map<String, FloatTensor> tensors;

    private LoraFile(Map<String, FloatTensor> tensors) {
        this.tensors = tensors;
    }

    public FloatTensor tensor(String key) {
        return tensors.get(key);
    }

    public Map<String, FloatTensor> tensors() {
        return tensors;
    }

    /**
     * Reads the file's float tensors (F32, F16 and BF16; other types are skipped) through the engine's one
     * safetensors reader; throws {@link IllegalArgumentException} naming no path when it is not safetensors.
     */
    public static LoraFile read(Path file) throws IOException {
        Map<String, FloatTensor> tensors = new HashMap<>();
        try (SafeTensorsFile st = SafeTensorsFile.open(file)) {
            for (TensorInfo info : st.tensors().values()) {
                if (info.type() == TensorType.F32 || info.type() == TensorType.F16 || info.type() == TensorType.BF16) {
                    tensors.put(info.name(), new FloatTensor(info.shape(), st.floats(info.name())));
                }
            }
        } catch (SafeTensorsFormatException e) {
            throw new IllegalArgumentException("not a safetensors file: " + e.getMessage(), e);
        }
        return new LoraFile(tensors);
    }
}
