package io.atelier.engine.safetensors;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A safetensors header, checked as the reference implementation checks it: a header length that fits the file,
 * known dtypes, every tensor's bytes matching its shape, and the tensors tiling the data section exactly (no
 * overlap, no hole, nothing after the last one). The one place the format's rules live; files on disk
 * ({@link SafeTensorsFile}) and files held in memory (the brands module's adapters) are both read through it.
 */
public record SafeTensorsHeader(Map<String, TensorInfo> tensors, Map<String, String> metadata) {
    /** Real SD-1.5 headers are ~160 KB; anything near this bound is not a model. */
    public static final long MAX_HEADER_BYTES = 100L << 20;
    private static final ObjectMapper JSON = new ObjectMapper();

    /** The header's length from the file's first 8 bytes, checked against the file's size. */
    public static long headerLength(ByteBuffer firstEightBytes, long fileSize) {
        if (fileSize < 8) {
            throw new SafeTensorsFormatException("the file is shorter than a safetensors header (" + fileSize
                    + " bytes)");
        }
        long headerLength = firstEightBytes.order(ByteOrder.LITTLE_ENDIAN).getLong(0);
        if (headerLength <= 1 || headerLength > MAX_HEADER_BYTES || headerLength > fileSize - 8) {
            throw new SafeTensorsFormatException("the header length " + Long.toUnsignedString(headerLength)
                    + " is impossible for a file of " + fileSize + " bytes: not safetensors, or truncated");
        }
        return headerLength;
    }

    /** Parses the JSON header of a file whose data section holds {@code dataLength} bytes. */
    public static SafeTensorsHeader parse(byte[] json, long dataLength) {
        JsonNode header;
        try {
            header = JSON.readTree(new String(json, StandardCharsets.UTF_8));
        } catch (JsonProcessingException e) {
            throw new SafeTensorsFormatException("the header is not valid JSON");
        }
        if (header == null || !header.isObject()) {
            throw new SafeTensorsFormatException("the header is not a JSON object");
        }
        Map<String, String> metadata = new LinkedHashMap<>();
        Map<String, TensorInfo> tensors = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = header.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            if (entry.getKey().equals("__metadata__")) {
                entry.getValue().fields().forEachRemaining(m -> metadata.put(m.getKey(), m.getValue().asText()));
            } else {
                tensors.put(entry.getKey(), tensor(entry.getKey(), entry.getValue(), dataLength));
            }
        }
        checkTiling(tensors, dataLength);
        return new SafeTensorsHeader(Collections.unmodifiableMap(tensors), Collections.unmodifiableMap(metadata));
    }

    private static TensorInfo tensor(String name, JsonNode t, long dataLength) {
        TensorType type = TensorType.byWireName(t.path("dtype").asText()).orElseThrow(() ->
                new SafeTensorsFormatException("tensor '" + name + "' has an unsupported dtype '"
                        + t.path("dtype").asText() + "'"));
        JsonNode shapeNode = t.path("shape");
        JsonNode offsets = t.path("data_offsets");
        if (!shapeNode.isArray() || !offsets.isArray() || offsets.size() != 2) {
            throw new SafeTensorsFormatException("tensor '" + name + "' lacks a shape or data_offsets");
        }
        long[] shape = new long[shapeNode.size()];
        for (int i = 0; i < shape.length; i++) {
            shape[i] = shapeNode.get(i).canConvertToLong() ? shapeNode.get(i).asLong() : -1;
            if (shape[i] < 0) {
                throw new SafeTensorsFormatException("tensor '" + name + "' has a negative or invalid shape");
            }
        }
        long begin = offsets.get(0).canConvertToLong() ? offsets.get(0).asLong() : -1;
        long end = offsets.get(1).canConvertToLong() ? offsets.get(1).asLong() : -1;
        TensorInfo info = new TensorInfo(name, type, shape, begin, end);
        if (begin < 0 || end < begin) {
            throw new SafeTensorsFormatException("tensor '" + name + "' has invalid data_offsets");
        }
        long needed;
        try {
            needed = Math.multiplyExact(info.elementCount(), type.bytes());
        } catch (ArithmeticException e) {
            throw new SafeTensorsFormatException("tensor '" + name + "' has an impossible shape");
        }
        if (needed != info.byteLength()) {
            throw new SafeTensorsFormatException("tensor '" + name + "' has data_offsets not matching its shape: "
                    + info.byteLength() + " bytes where " + info.shapeText() + " of " + type.wireName()
                    + " needs " + needed);
        }
        if (end > dataLength) {
            throw new SafeTensorsFormatException("the file is truncated or its header lies: tensor '" + name
                    + "' lies outside the file (it ends at byte " + end + " of the data, which holds " + dataLength
                    + ")");
        }
        return info;
    }

    private static void checkTiling(Map<String, TensorInfo> tensors, long dataLength) {
        List<TensorInfo> byOffset = new ArrayList<>(tensors.values());
        byOffset.sort(Comparator.comparingLong(TensorInfo::begin).thenComparingLong(TensorInfo::end));
        long expected = 0;
        TensorInfo previous = null;
        for (TensorInfo info : byOffset) {
            if (info.begin() < expected) {
                throw new SafeTensorsFormatException("the header lies: tensors '" + previous.name() + "' and '"
                        + info.name() + "' overlap");
            }
            if (info.begin() > expected) {
                throw new SafeTensorsFormatException("the header lies: a hole of " + (info.begin() - expected)
                        + " bytes before tensor '" + info.name() + "'");
            }
            expected = info.end();
            previous = info;
        }
        if (expected != dataLength) {
            throw new SafeTensorsFormatException("the data section holds " + dataLength + " bytes but the tensors"
                    + " declare " + expected);
        }
    }
}
