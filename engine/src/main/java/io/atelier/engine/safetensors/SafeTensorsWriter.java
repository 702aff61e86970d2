package io.atelier.engine.safetensors;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Writes a safetensors file: tensors in the order added, the header padded with spaces to 8 bytes as the reference
 * implementation does. Data is given as little-endian bytes of the declared type.
 */
public final class SafeTensorsWriter {
    private static final ObjectMapper JSON = new ObjectMapper();

    private record Pending(TensorType type, long[] shape, byte[] data) {
    }

    private final Map<String, Pending> tensors = new LinkedHashMap<>();
    private final Map<String, String> metadata = new LinkedHashMap<>();

    public SafeTensorsWriter add(String name, TensorType type, long[] shape, byte[] littleEndianData) {
        if (name.equals("__metadata__") || tensors.containsKey(name)) {
            throw new IllegalArgumentException("duplicate or reserved tensor name: " + name);
        }
        tensors.put(name, new Pending(type, shape.clone(), littleEndianData));
        return this;
    }

    public SafeTensorsWriter addFloats(String name, long[] shape, float[] values) {
        ByteBuffer bytes = ByteBuffer.allocate(4 * values.length).order(ByteOrder.LITTLE_ENDIAN);
        for (float v : values) {
            bytes.putFloat(v);
        }
        return add(name, TensorType.F32, shape, bytes.array());
    }

    public SafeTensorsWriter metadata(String key, String value) {
        metadata.put(key, value);
        return this;
    }

    public void write(Path file) throws IOException {
        Files.write(file, toBytes());
    }

    /** The whole file's bytes. */
    public byte[] toBytes() {
        ObjectNode header = JSON.createObjectNode();
        if (!metadata.isEmpty()) {
            ObjectNode meta = header.putObject("__metadata__");
            metadata.forEach(meta::put);
        }
        long offset = 0;
        for (Map.Entry<String, Pending> e : tensors.entrySet()) {
            Pending t = e.getValue();
            ObjectNode node = header.putObject(e.getKey());
            node.put("dtype", t.type().wireName());
            var shape = node.putArray("shape");
            for (long d : t.shape()) {
                shape.add(d);
            }
            var offsets = node.putArray("data_offsets");
            offsets.add(offset);
            offsets.add(offset + t.data().length);
            offset += t.data().length;
        }
        byte[] json;
        try {
            json = JSON.writeValueAsBytes(header);
        } catch (IOException e) {
            throw new IllegalStateException("header cannot be serialised", e);
        }
        int padded = (json.length + 7) / 8 * 8;
        byte[] headerBytes = new byte[padded];
        java.util.Arrays.fill(headerBytes, (byte) ' ');
        System.arraycopy(json, 0, headerBytes, 0, json.length);
        ByteBuffer out = ByteBuffer.allocate(Math.toIntExact(8 + padded + offset)).order(ByteOrder.LITTLE_ENDIAN);
        out.putLong(padded).put(headerBytes);
        tensors.values().forEach(t -> out.put(t.data()));
        return out.array();
    }
}
