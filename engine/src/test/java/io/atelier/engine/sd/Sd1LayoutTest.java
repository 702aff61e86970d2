package io.atelier.engine.sd;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.atelier.engine.safetensors.TensorInfo;
import io.atelier.engine.safetensors.TensorType;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeSet;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;

/**
 * The layout at full size, against every tensor name and shape of the real v1-5-pruned-emaonly file
 * (sd15-full-layout.txt.gz, written by tools/sd/write_layout.py from the reference architecture; its counts match
 * the real file's 1,145 tensors and per-part parameter totals).
 */
class Sd1LayoutTest {

    static Map<String, TensorInfo> realSd15Header() throws IOException {
        Map<String, TensorInfo> tensors = new LinkedHashMap<>();
        try (var in = new BufferedReader(new InputStreamReader(new GZIPInputStream(
                Sd1LayoutTest.class.getResourceAsStream("/io/atelier/engine/sd/sd15-full-layout.txt.gz")),
                StandardCharsets.UTF_8))) {
            long offset = 0;
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                String[] parts = line.split(" ");
                long[] shape = parts.length < 3 || parts[2].isEmpty() ? new long[0]
                        : Arrays.stream(parts[2].split(",")).mapToLong(Long::parseLong).toArray();
                TensorType type = TensorType.byWireName(parts[1]).orElseThrow();
                long bytes = Arrays.stream(shape).reduce(1, (a, b) -> a * b) * type.bytes();
                tensors.put(parts[0], new TensorInfo(parts[0], type, shape, offset, offset + bytes));
                offset += bytes;
            }
        }
        return tensors;
    }

    @Test
    void the_real_sd15_header_reads_as_sd15() throws IOException {
        Map<String, TensorInfo> header = realSd15Header();
        assertEquals(1145, header.size());
        Sd1Config config = CheckpointInspector.inspect(header);
        UNetConfig unet = config.unet();
        assertEquals(320, unet.modelChannels());
        assertArrayEquals(new int[] {1, 2, 4, 4}, unet.channelMult());
        assertEquals(2, unet.numResBlocks());
        assertArrayEquals(new boolean[] {true, true, true, false}, unet.attentionAtLevel());
        assertEquals(768, unet.contextDim());
        assertEquals(1, unet.transformerDepth());
        assertEquals(new ClipTextConfig(49408, 77, 768, 12, 3072), config.text());
        assertEquals(12, config.text().heads());
        assertArrayEquals(new int[] {1, 2, 4, 4}, config.vae().chMult());
        assertEquals(128, config.vae().ch());
        assertEquals(8, config.vae().scaleFactor());
    }

    @Test
    void every_model_tensor_of_the_real_file_is_expected_with_its_shape_and_nothing_more() throws IOException {
        Map<String, TensorInfo> header = realSd15Header();
        Map<String, long[]> expected = Sd1Layout.expectedShapes(CheckpointInspector.inspect(header));
        TreeSet<String> modelTensors = new TreeSet<>();
        header.keySet().stream().filter(n -> n.startsWith(Sd1Layout.UNET) || n.startsWith(Sd1Layout.TEXT)
                || n.startsWith(Sd1Layout.VAE)).filter(n -> !n.endsWith("position_ids")).forEach(modelTensors::add);
        assertEquals(modelTensors, new TreeSet<>(expected.keySet()));
        expected.forEach((name, shape) -> assertArrayEquals(shape, header.get(name).shape(), name));
        long unet = expected.entrySet().stream().filter(e -> e.getKey().startsWith(Sd1Layout.UNET))
                .mapToLong(e -> Arrays.stream(e.getValue()).reduce(1, (a, b) -> a * b)).sum();
        assertEquals(859_520_964L, unet);
    }

    @Test
    void a_missing_tensor_is_named() throws IOException {
        Map<String, TensorInfo> header = realSd15Header();
        header.remove(Sd1Layout.VAE + "decoder.up.2.upsample.conv.bias");
        LayoutException e = assertThrows(LayoutException.class, () -> CheckpointInspector.inspect(header));
        assertTrue(e.getMessage().contains("decoder.up.2.upsample.conv.bias"), e.getMessage());
    }
}
