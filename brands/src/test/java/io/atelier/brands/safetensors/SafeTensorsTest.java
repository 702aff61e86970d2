package io.atelier.brands.safetensors;

import io.atelier.engine.lora.KohyaKeys;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SafeTensorsTest {

    private static List<Tensor> lora() {
        KohyaKeys keys = KohyaKeys.forUnetParameter("mid_block.attn.to_q.weight");
        return List.of(
                Tensor.ofFloats(keys.down(), new long[]{4, 64}, ramp(256, 0.01f)),
                Tensor.ofFloats(keys.up(), new long[]{64, 4}, ramp(256, -0.02f)),
                Tensor.ofFloats(keys.alpha(), new long[]{}, new float[]{4f}));
    }

    @Test
    void tensors_and_metadata_survive_a_round_trip() throws IOException {
        Map<String, String> metadata = Map.of("atelier.brand", "maison-exemple", "ss_network_dim", "4");
        SafeTensorsFile read = SafeTensors.read(SafeTensors.write(metadata, lora()));
        assertEquals(metadata, read.metadata());
        for (Tensor tensor : lora()) {
            assertEquals(tensor, read.tensor(tensor.name()).orElseThrow());
        }
        assertArrayEquals(ramp(256, 0.01f), read.tensor("lora_unet_mid_block_attn_to_q.lora_down.weight").orElseThrow().floats());
        assertEquals(4f, read.tensor("lora_unet_mid_block_attn_to_q.alpha").orElseThrow().floats()[0]);
    }

    @Test
    void the_layout_is_the_reference_one_u64_header_length_json_header_aligned_data() throws IOException {
        byte[] file = SafeTensors.write(Map.of("k", "v"), List.of(Tensor.ofFloats("b", new long[]{2}, new float[]{1f, 2f}),
                Tensor.ofFloats("a", new long[]{1}, new float[]{3f})));
        long headerLength = ByteBuffer.wrap(file).order(ByteOrder.LITTLE_ENDIAN).getLong();
        assertEquals(0, (8 + headerLength) % 8, "data starts 8-byte aligned");
        String header = new String(file, 8, (int) headerLength, StandardCharsets.UTF_8);
        assertEquals("{\"__metadata__\":{\"k\":\"v\"},"
                + "\"a\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4]},"
                + "\"b\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[4,12]}}", header.stripTrailing());
        float[] data = new float[3];
        ByteBuffer.wrap(file, 8 + (int) headerLength, 12).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(data);
        assertArrayEquals(new float[]{3f, 1f, 2f}, data);
        assertEquals(8 + headerLength + 12, file.length);
    }

    @Test
    void malformed_files_are_refused_with_a_reason() {
        byte[] good = SafeTensors.write(Map.of(), lora());
        assertRefused(Arrays.copyOf(good, 4), "shorter");
        assertRefused(Arrays.copyOf(good, good.length - 1), "outside the file");
        byte[] hugeHeader = good.clone();
        ByteBuffer.wrap(hugeHeader).order(ByteOrder.LITTLE_ENDIAN).putLong(0, Long.MAX_VALUE);
        assertRefused(hugeHeader, "header length");
        assertRefused(withHeader("{\"t\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,4]}}", 8), "not matching its shape");
        assertRefused(withHeader("{\"t\":{\"dtype\":\"Q4\",\"shape\":[1],\"data_offsets\":[0,4]}}", 4), "dtype");
        assertRefused(withHeader("{\"t\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[4,8]}}", 8), "hole");
        assertRefused(withHeader("[1,2]", 0), "JSON object");
    }

    @Test
    void kohya_keys_follow_the_module_path_with_underscores() {
        KohyaKeys keys = KohyaKeys.forUnetParameter("down_blocks.1.attentions.0.to_k.weight");
        assertEquals("lora_unet_down_blocks_1_attentions_0_to_k.lora_down.weight", keys.down());
        assertEquals("lora_unet_down_blocks_1_attentions_0_to_k.lora_up.weight", keys.up());
        assertEquals("lora_unet_down_blocks_1_attentions_0_to_k.alpha", keys.alpha());
    }

    @Test
    void adapter_metadata_round_trips_through_the_file() throws IOException {
        AdapterMetadata metadata = new AdapterMetadata("maison-exemple", "maison-exemple-v2", "atelier-micro",
                "a".repeat(64), "b".repeat(64), 400, 4, 4.0, "brand_0");
        SafeTensorsFile read = SafeTensors.read(SafeTensors.write(metadata.toMap(), lora()));
        assertEquals(metadata, AdapterMetadata.fromMap(read.metadata()));
        assertEquals("4", read.metadata().get("ss_network_dim"));
    }

    private static byte[] withHeader(String json, int dataBytes) {
        byte[] header = json.getBytes(StandardCharsets.UTF_8);
        ByteBuffer buffer = ByteBuffer.allocate(8 + header.length + dataBytes).order(ByteOrder.LITTLE_ENDIAN);
        buffer.putLong(header.length).put(header);
        return buffer.array();
    }

    private static void assertRefused(byte[] file, String reasonPart) {
        IOException e = assertThrows(IOException.class, () -> SafeTensors.read(file));
        assertTrue(e.getMessage().contains(reasonPart), e.getMessage());
    }

    private static float[] ramp(int n, float step) {
        float[] values = new float[n];
        for (int i = 0; i < n; i++) {
            values[i] = i * step;
        }
        return values;
    }
}
