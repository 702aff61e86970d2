package io.atelier.brands.safetensors;

import io.atelier.engine.safetensors.SafeTensorsFormatException;
import io.atelier.engine.safetensors.SafeTensorsHeader;
import io.atelier.engine.safetensors.SafeTensorsWriter;
import io.atelier.engine.safetensors.TensorInfo;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * Adapter files held in memory (they are small), in and out of the safetensors format. The format's rules live in
 * the engine ({@link SafeTensorsHeader}, {@link SafeTensorsWriter}); this class only moves whole tensors' bytes.
 * Tensors are written sorted by name, the header padded so that the data starts 8-byte aligned.
 */
public final class SafeTensors {

    private SafeTensors() {
    }

    /** Serialises tensors (stored sorted by name) and string metadata into a safetensors file's bytes. */
    public static byte[] write(Map<String, String> metadata, List<Tensor> tensors) {
        List<Tensor> sorted = new ArrayList<>(tensors);
        sorted.sort(Comparator.comparing(Tensor::name));
        SafeTensorsWriter writer = new SafeTensorsWriter();
        if (metadata != null) {
            metadata.forEach(writer::metadata);
        }
        sorted.forEach(t -> writer.add(t.name(), t.dtype(), t.shape(), t.data()));
        return writer.toBytes();
    }

    /**
     * Parses and checks a safetensors file as the engine does (header length, dtypes, sizes matching shapes, tensors
     * tiling the data exactly).
     *
     * @throws IOException the bytes are not a valid safetensors file (the message says what is wrong)
     */
    public static SafeTensorsFile read(byte[] file) throws IOException {
        try {
            long headerLength = SafeTensorsHeader.headerLength(ByteBuffer.wrap(Arrays.copyOf(file,
                    Math.min(8, file.length))), file.length);
            int dataStart = Math.toIntExact(8 + headerLength);
            SafeTensorsHeader header = SafeTensorsHeader.parse(Arrays.copyOfRange(file, 8, dataStart),
                    file.length - (long) dataStart);
            List<Tensor> tensors = new ArrayList<>();
            for (TensorInfo info : header.tensors().values()) {
                byte[] data = Arrays.copyOfRange(file, dataStart + (int) info.begin(), dataStart + (int) info.end());
                tensors.add(new Tensor(info.name(), info.type(), info.shape(), data));
            }
            return new SafeTensorsFile(header.metadata(), tensors);
        } catch (SafeTensorsFormatException e) {
            throw new IOException(e.getMessage(), e);
        }
    }
}
