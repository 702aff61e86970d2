package io.atelier.engine.lora;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;

/**
 * The float tensors of a LoRA safetensors file (u64 little-endian header length, JSON header, little-endian data),
 * read whole: adapters for the models we run are small. Only F32 and F16 tensors are read; others are skipped.
 */
public final class LoraFile {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long MAX_HEADER = 16L << 20;

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

    /** Reads the file; throws {@link IllegalArgumentException} naming no path when it is not safetensors. */
    public static LoraFile read(Path file) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        if (bytes.length < 8) {
            throw new IllegalArgumentException("not a safetensors file");
        }
        ByteBuffer buffer = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        long headerLength = buffer.getLong(0);
        if (headerLength <= 0 || headerLength > MAX_HEADER || 8 + headerLength > bytes.length) {
            throw new IllegalArgumentException("not a safetensors file");
        }
        JsonNode header = JSON.readTree(new String(bytes, 8, (int) headerLength, java.nio.charset.StandardCharsets.UTF_8));
        int dataStart = 8 + (int) headerLength;
        Map<String, FloatTensor> tensors = new HashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = header.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            if (entry.getKey().equals("__metadata__")) {
                continue;
            }
            JsonNode t = entry.getValue();
            String dtype = t.path("dtype").asText();
            long[] shape = new long[t.path("shape").size()];
            for (int i = 0; i < shape.length; i++) {
                shape[i] = t.path("shape").get(i).asLong();
            }
            long begin = t.path("data_offsets").path(0).asLong(-1);
            long end = t.path("data_offsets").path(1).asLong(-1);
            if (begin < 0 || end < begin || dataStart + end > bytes.length) {
                throw new IllegalArgumentException("damaged safetensors file");
            }
            int count = (int) (end - begin) / ("F16".equals(dtype) ? 2 : 4);
            float[] values = new float[count];
            int at = dataStart + (int) begin;
            switch (dtype) {
                case "F32" -> {
                    for (int i = 0; i < count; i++) {
                        values[i] = buffer.getFloat(at + 4 * i);
                    }
                }
                case "F16" -> {
                    for (int i = 0; i < count; i++) {
                        values[i] = halfToFloat(buffer.getShort(at + 2 * i));
                    }
                }
                default -> {
                    continue;
                }
            }
            FloatTensor tensor = new FloatTensor(shape, values);
            if (tensor.size() != count) {
                throw new IllegalArgumentException("damaged safetensors file");
            }
            tensors.put(entry.getKey(), tensor);
        }
        return new LoraFile(tensors);
    }

    /** IEEE 754 half to float (Float.float16ToFloat arrived after Java 17). */
    static float halfToFloat(short half) {
        int h = half & 0xffff;
        int sign = (h & 0x8000) << 16;
        int exponent = (h >>> 10) & 0x1f;
        int mantissa = h & 0x3ff;
        if (exponent == 0) {
            float value = mantissa * 0x1p-24f; // subnormal
            return sign == 0 ? value : -value;
        }
        if (exponent == 31) {
            return Float.intBitsToFloat(sign | 0x7f800000 | (mantissa << 13));
        }
        return Float.intBitsToFloat(sign | ((exponent + 112) << 23) | (mantissa << 13));
    }
}
