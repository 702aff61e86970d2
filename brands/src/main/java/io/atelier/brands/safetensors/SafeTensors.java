package io.atelier.brands.safetensors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The safetensors format, read and written directly (Debian has no python3-safetensors; the format is small):
 * an unsigned 64-bit little-endian header length N, N bytes of UTF-8 JSON mapping each tensor name to
 * {@code {"dtype", "shape", "data_offsets": [begin, end]}} plus an optional {@code "__metadata__"} of string to string,
 * then the tensors' bytes, offsets relative to the end of the header. The header is padded with spaces so that the
 * data starts 8-byte aligned; tensors are laid out contiguously, by name, with no holes (as the reference checks).
 */
public final class SafeTensors {

    /** Refuse headers past this size: real adapters have a few hundred tensors. */
    public static final long MAX_HEADER_BYTES = 100L << 20;
    private static final String METADATA = "__metadata__";
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private SafeTensors() {
    }

    /** Serialises tensors (stored sorted by name) and string metadata into a safetensors file's bytes. */
    public static byte[] write(Map<String, String> metadata, List<Tensor> tensors) {
        List<Tensor> sorted = new ArrayList<>(tensors);
        sorted.sort(Comparator.comparing(Tensor::name));
        // Step 1: the header, with offsets of the contiguous layout.
        ObjectNode header = MAPPER.createObjectNode();
        if (metadata != null && !metadata.isEmpty()) {
            ObjectNode meta = header.putObject(METADATA);
            metadata.forEach(meta::put);
        }
        long offset = 0;
        for (Tensor tensor : sorted) {
            if (tensor.name().equals(METADATA) || header.has(tensor.name())) {
                throw new IllegalArgumentException("duplicate or reserved tensor name: " + tensor.name());
            }
            ObjectNode entry = header.putObject(tensor.name());
            entry.put("dtype", tensor.dtype().name());
            ArrayNode shape = entry.putArray("shape");
            for (long d : tensor.shape()) {
                shape.add(d);
            }
            entry.putArray("data_offsets").add(offset).add(offset + tensor.data().length);
            offset += tensor.data().length;
        }
        byte[] json;
        try {
            json = MAPPER.writeValueAsBytes(header);
        } catch (IOException e) {
            throw new IllegalStateException("header cannot be serialised", e);
        }
        // Step 2: pad the header with spaces so the data starts on an 8-byte boundary.
        int padded = (json.length + 7) / 8 * 8;
        ByteBuffer out = ByteBuffer.allocate(Math.toIntExact(8 + padded + offset)).order(ByteOrder.LITTLE_ENDIAN);
        out.putLong(padded).put(json);
        for (int i = json.length; i < padded; i++) {
            out.put((byte) ' ');
        }
        // Step 3: the tensors' bytes, in header order.
        sorted.forEach(tensor -> out.put(tensor.data()));
        return out.array();
    }

    /**
     * Parses and checks a safetensors file: header length within the file, known dtypes, offsets inside the data,
     * sizes matching shapes, and no overlap or hole between tensors.
     *
     * @throws IOException the bytes are not a valid safetensors file (the message says what is wrong)
     */
    public static SafeTensorsFile read(byte[] file) throws IOException {
        if (file.length < 8) {
            throw new IOException("safetensors file shorter than its header length");
        }
        ByteBuffer buffer = ByteBuffer.wrap(file).order(ByteOrder.LITTLE_ENDIAN);
        long headerLength = buffer.getLong();
        if (headerLength < 2 || headerLength > MAX_HEADER_BYTES || headerLength > file.length - 8L) {
            throw new IOException("safetensors header length " + Long.toUnsignedString(headerLength) + " is invalid");
        }
        int dataStart = 8 + (int) headerLength;
        JsonNode header = MAPPER.readTree(new String(file, 8, (int) headerLength, StandardCharsets.UTF_8));
        if (header == null || !header.isObject()) {
            throw new IOException("safetensors header is not a JSON object");
        }
        Map<String, String> metadata = new LinkedHashMap<>();
        List<long[]> ranges = new ArrayList<>();
        List<Tensor> tensors = new ArrayList<>();
        Iterator<Map.Entry<String, JsonNode>> fields = header.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            if (field.getKey().equals(METADATA)) {
                field.getValue().fields().forEachRemaining(m -> metadata.put(m.getKey(), m.getValue().asText()));
                continue;
            }
            tensors.add(tensor(field.getKey(), field.getValue(), file, dataStart, ranges));
        }
        // Step: the ranges must tile the data section exactly.
        ranges.sort(Comparator.comparingLong(r -> r[0]));
        long expected = 0;
        for (long[] range : ranges) {
            if (range[0] != expected) {
                throw new IOException("safetensors data has a hole or an overlap at offset " + expected);
            }
            expected = range[1];
        }
        if (expected != file.length - dataStart) {
            throw new IOException("safetensors data section does not match the tensors it declares");
        }
        return new SafeTensorsFile(metadata, tensors);
    }

    private static Tensor tensor(String name, JsonNode entry, byte[] file, int dataStart, List<long[]> ranges)
            throws IOException {
        DType dtype;
        try {
            dtype = DType.valueOf(entry.path("dtype").asText());
        } catch (IllegalArgumentException e) {
            throw new IOException("tensor " + name + " has an unsupported dtype");
        }
        JsonNode shapeNode = entry.path("shape");
        JsonNode offsets = entry.path("data_offsets");
        if (!shapeNode.isArray() || !offsets.isArray() || offsets.size() != 2) {
            throw new IOException("tensor " + name + " lacks a shape or data_offsets");
        }
        long[] shape = new long[shapeNode.size()];
        for (int i = 0; i < shape.length; i++) {
            shape[i] = shapeNode.get(i).asLong(-1);
        }
        long begin = offsets.get(0).asLong(-1);
        long end = offsets.get(1).asLong(-1);
        long size;
        try {
            size = Math.multiplyExact(Tensor.numel(shape), dtype.bytes());
        } catch (ArithmeticException | IllegalArgumentException e) {
            throw new IOException("tensor " + name + " has an invalid shape");
        }
        if (begin < 0 || end < begin || end > file.length - (long) dataStart || end - begin != size) {
            throw new IOException("tensor " + name + " has data_offsets outside the file or not matching its shape");
        }
        ranges.add(new long[]{begin, end});
        byte[] data = new byte[(int) size];
        System.arraycopy(file, dataStart + (int) begin, data, 0, (int) size);
        return new Tensor(name, dtype, shape, data);
    }
}
