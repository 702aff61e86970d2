package io.atelier.engine.sd;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import io.atelier.engine.model.Sha256;
import io.atelier.engine.safetensors.SafeTensorsFile;
import io.atelier.engine.safetensors.SafeTensorsWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * kohya LoRAs on the scaled-down checkpoint against python3-torch running the same reference with merged weights
 * (tools/sd/make_tiny_lora.py): LoRA A (F16, rank 4, alpha 2) touches attention, GEGLU, 1x1-conv proj_in/out, a 3x3
 * resnet conv and the text encoder; LoRA B (BF16, rank 2, alpha on some modules) overlaps it.
 */
class KohyaLoraTest {
    private static final double TOLERANCE = 1e-4;
    private static Sd1Model model;
    private static DiffusersNames names;
    private static SafeTensorsFile fixtures;
    private static SafeTensorsFile reference;
    private static NDManager manager;
    @TempDir
    static Path dir;

    @BeforeAll
    static void load() throws Exception {
        try (SafeTensorsFile file = SafeTensorsFile.open(TinyCheckpoint.path())) {
            model = Sd1Model.load(file, CheckpointInspector.inspect(file), Device.cpu(), DataType.FLOAT32);
        }
        names = DiffusersNames.of(model.config());
        fixtures = SafeTensorsFile.open(TinyCheckpoint.fixtures());
        reference = SafeTensorsFile.open(TinyCheckpoint.loraFixtures());
        manager = NDManager.newBaseManager(Device.cpu());
    }

    @AfterAll
    static void close() throws Exception {
        manager.close();
        model.close();
        fixtures.close();
        reference.close();
    }

    private static KohyaLora lora(Path file) throws IOException {
        return KohyaLora.read(file, model.config(), names);
    }

    private static float[] unet(Sd1Model m) throws IOException {
        return m.predictNoise(fixtures.array(manager, "unet.sample"), fixtures.array(manager, "unet.timesteps"),
                fixtures.array(manager, "unet.context")).toFloatArray();
    }

    private static float[] text(Sd1Model m) throws IOException {
        return m.encodeText(fixtures.array(manager, "text.input_ids")).toFloatArray();
    }

    @Test
    void lora_at_weight_1_matches_the_merged_reference() throws Exception {
        KohyaLora a = lora(TinyCheckpoint.loraA());
        assertEquals(13, a.deltas().size());
        try (LoraPatch patch = LoraPatch.merge(model, List.of(new LoraPatch.Entry(a, 1.0)))) {
            Sd1Model patched = model.withReplaced(patch.tensors());
            assertClose("a.unet.out", unet(patched), unet(model));
            assertClose("a.text.hidden", text(patched), text(model));
        }
    }

    @Test
    void the_weight_scales_the_change() throws Exception {
        try (LoraPatch patch = LoraPatch.merge(model, List.of(new LoraPatch.Entry(lora(TinyCheckpoint.loraA()),
                0.5)))) {
            assertClose("a-half.unet.out", unet(model.withReplaced(patch.tensors())), unet(model));
        }
    }

    @Test
    void two_loras_add_up() throws Exception {
        List<LoraPatch.Entry> both = List.of(new LoraPatch.Entry(lora(TinyCheckpoint.loraA()), 1.0),
                new LoraPatch.Entry(lora(TinyCheckpoint.loraB()), 1.0));
        try (LoraPatch patch = LoraPatch.merge(model, both)) {
            Sd1Model patched = model.withReplaced(patch.tensors());
            assertClose("ab.unet.out", unet(patched), unet(model));
            assertClose("ab.text.hidden", text(patched), text(model));
        }
    }

    @Test
    void weight_0_is_the_base_model_bit_for_bit() throws Exception {
        try (LoraPatch patch = LoraPatch.merge(model, List.of(new LoraPatch.Entry(lora(TinyCheckpoint.loraA()),
                0.0)))) {
            assertTrue(patch.tensors().isEmpty());
            assertArrayEquals(unet(model), unet(model.withReplaced(patch.tensors())));
        }
    }

    @Test
    void the_base_weights_are_untouched_by_a_lora() throws Exception {
        KohyaLora a = lora(TinyCheckpoint.loraA());
        Map<String, float[]> before = new HashMap<>();
        a.deltas().forEach(d -> before.put(d.tensor(), model.parameter(d.tensor()).toFloatArray()));
        float[] unetBefore = unet(model);
        try (LoraPatch patch = LoraPatch.merge(model, List.of(new LoraPatch.Entry(a, 1.0)))) {
            unet(model.withReplaced(patch.tensors()));
        }
        before.forEach((name, values) -> assertArrayEquals(values, model.parameter(name).toFloatArray(), name));
        assertArrayEquals(unetBefore, unet(model));
    }

    @Test
    void a_float32_checkpoint_stays_the_files_own_mapping_and_the_file_is_unchanged() throws Exception {
        // Step 1: a float32 copy of the tiny checkpoint, which the CPU uses in place (zero copy) rather than converted.
        Path float32 = dir.resolve("tiny-f32.safetensors");
        SafeTensorsWriter writer = new SafeTensorsWriter();
        try (SafeTensorsFile half = SafeTensorsFile.open(TinyCheckpoint.path())) {
            for (var tensor : half.tensors().values()) {
                if (tensor.type().isFloat()) {
                    writer.addFloats(tensor.name(), tensor.shape(), half.floats(tensor.name()));
                } else {
                    byte[] raw = new byte[(int) tensor.byteLength()];
                    half.bytes(tensor.name()).get(raw);
                    writer.add(tensor.name(), tensor.type(), tensor.shape(), raw);
                }
            }
        }
        writer.write(float32);
        String sha256 = Sha256.of(float32);
        // Step 2: a LoRA request on it, then the base again.
        try (SafeTensorsFile file = SafeTensorsFile.open(float32);
             Sd1Model mapped = Sd1Model.load(file, CheckpointInspector.inspect(file), Device.cpu(), DataType.FLOAT32)) {
            float[] before = unet(mapped);
            assertArrayEquals(unet(model), before, "float32 and upcast float16 weights are the same values");
            try (LoraPatch patch = LoraPatch.merge(mapped, List.of(new LoraPatch.Entry(lora(TinyCheckpoint.loraA()),
                    1.0)))) {
                assertClose("a.unet.out", unet(mapped.withReplaced(patch.tensors())), before);
            }
            assertArrayEquals(before, unet(mapped), "the base forward is bit-identical after the LoRA");
        }
        assertEquals(sha256, Sha256.of(float32), "the checkpoint file is untouched");
    }

    @Test
    void a_wrong_shape_is_refused_with_its_module_and_both_shapes() throws Exception {
        String module = "lora_unet_down_blocks_0_attentions_0_transformer_blocks_0_attn2_to_k";
        // An SD-1.5 LoRA's cross-attention reads 768-wide text states; this model's read 64.
        Path file = write("wrong-shape", new SafeTensorsWriter()
                .addFloats(module + ".lora_down.weight", new long[] {4, 768}, new float[4 * 768])
                .addFloats(module + ".lora_up.weight", new long[] {32, 4}, new float[32 * 4]));
        LoraException e = assertThrows(LoraException.class, () -> lora(file));
        assertTrue(e.getMessage().contains(module), e.getMessage());
        assertTrue(e.getMessage().contains("[32, 64]") && e.getMessage().contains("[4, 768]"), e.getMessage());
    }

    @Test
    void unknown_keys_foreign_architectures_and_empty_files_are_refused() throws Exception {
        String q = "lora_unet_down_blocks_0_attentions_0_transformer_blocks_0_attn1_to_q";
        assertRefused("not part of a LoRA", new SafeTensorsWriter().addFloats(q + ".lora_down.weight",
                new long[] {1, 32}, new float[32]).addFloats(q + ".lora_up.weight", new long[] {32, 1},
                new float[32]).addFloats(q + ".dora_scale", new long[] {1, 32}, new float[32]));
        assertRefused("SDXL", pair("lora_te1_text_model_encoder_layers_0_self_attn_q_proj", 64, 64));
        assertRefused("lora_unet_down_blocks_0_attentions_0_transformer_blocks_1_attn1_to_q",
                pair("lora_unet_down_blocks_0_attentions_0_transformer_blocks_1_attn1_to_q", 32, 32));
        assertRefused("LyCORIS", new SafeTensorsWriter().addFloats(q + ".hada_w1_a", new long[] {32, 1},
                new float[32]));
        assertRefused("lacks its lora_up", new SafeTensorsWriter().addFloats(q + ".lora_down.weight",
                new long[] {1, 32}, new float[32]));
        assertRefused("no LoRA modules", new SafeTensorsWriter().metadata("ss_network_dim", "4"));
        Path garbage = dir.resolve("garbage.safetensors");
        Files.write(garbage, new byte[] {1, 2, 3});
        assertTrue(assertThrows(LoraException.class, () -> lora(garbage)).getMessage().contains("not a valid"));
    }

    private static SafeTensorsWriter pair(String module, int out, int in) {
        return new SafeTensorsWriter().addFloats(module + ".lora_down.weight", new long[] {1, in}, new float[in])
                .addFloats(module + ".lora_up.weight", new long[] {out, 1}, new float[out]);
    }

    private static void assertRefused(String expected, SafeTensorsWriter writer) throws IOException {
        Path file = write("refused-" + Integer.toHexString(expected.hashCode()), writer);
        LoraException e = assertThrows(LoraException.class, () -> lora(file));
        assertTrue(e.getMessage().contains(expected), e.getMessage());
    }

    private static Path write(String name, SafeTensorsWriter writer) throws IOException {
        Path file = dir.resolve(name + ".safetensors");
        writer.write(file);
        return file;
    }

    private static void assertClose(String name, float[] got, float[] base) throws IOException {
        float[] expected = reference.floats(name);
        assertEquals(expected.length, got.length);
        double scale = 0;
        double worst = 0;
        double change = 0;
        for (int i = 0; i < expected.length; i++) {
            scale = Math.max(scale, Math.abs(expected[i]));
            worst = Math.max(worst, Math.abs(expected[i] - got[i]));
            change = Math.max(change, Math.abs(expected[i] - base[i]));
        }
        double relative = worst / scale;
        System.out.printf("%s: max |diff| %.3g, max |ref| %.3g, relative %.3g; the LoRA moved it by %.3g%n", name,
                worst, scale, relative, change);
        assertTrue(change > 100 * TOLERANCE * scale, name + ": the LoRA barely changes the output");
        assertTrue(relative <= TOLERANCE, name + " differs from the merged reference: relative " + relative);
    }
}
