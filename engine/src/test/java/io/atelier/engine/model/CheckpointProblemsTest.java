package io.atelier.engine.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.atelier.engine.safetensors.SafeTensorsFile;
import io.atelier.engine.safetensors.SafeTensorsWriter;
import io.atelier.engine.safetensors.TensorInfo;
import io.atelier.engine.sd.TinyCheckpoint;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Files a user may drop into {@code <home>/models/}: each bad one becomes one sentence naming the file and the
 * reason in the registry's problems, and the good checkpoint beside them stays listed.
 */
class CheckpointProblemsTest {
    @TempDir
    Path home;
    Path models;

    @BeforeEach
    void goodCheckpointInstalled() throws IOException {
        models = Files.createDirectories(home.resolve("models"));
        Files.copy(TinyCheckpoint.path(), models.resolve("House SD.safetensors"));
    }

    @Test
    void a_checkpoint_is_listed_as_an_sd1_model_at_512_pixels() {
        ModelRegistry registry = new ModelRegistry(home, home.resolve("cache"));
        ModelDescriptor model = registry.list().stream().filter(m -> m.id().equals("house-sd")).findFirst()
                .orElseThrow(() -> new AssertionError(registry.list() + " " + registry.problems()));
        assertEquals("sd1", model.family());
        assertEquals(512, model.nativeWidth());
        assertEquals("House SD", model.displayName());
        assertEquals(List.of(), registry.problems());
        assertTrue(registry.source("house-sd") instanceof CheckpointFile);
    }

    @Test
    void a_truncated_file_is_reported_and_the_others_stay() throws IOException {
        Path cut = Files.copy(TinyCheckpoint.path(), models.resolve("cut.safetensors"));
        try (FileChannel channel = FileChannel.open(cut, StandardOpenOption.WRITE)) {
            channel.truncate(channel.size() - 1000);
        }
        assertProblem("cut.safetensors", "truncated");
    }

    @Test
    void a_header_whose_tensors_overlap_is_reported() throws IOException {
        String header = "{\"a\":{\"dtype\":\"F32\",\"shape\":[4],\"data_offsets\":[0,16]},"
                + "\"b\":{\"dtype\":\"F32\",\"shape\":[4],\"data_offsets\":[8,24]}}";
        writeRaw(models.resolve("liar.safetensors"), header, 24);
        assertProblem("liar.safetensors", "overlap");
    }

    @Test
    void a_header_whose_sizes_disagree_with_its_shapes_is_reported() throws IOException {
        writeRaw(models.resolve("sizes.safetensors"),
                "{\"a\":{\"dtype\":\"F32\",\"shape\":[5],\"data_offsets\":[0,16]}}", 16);
        assertProblem("sizes.safetensors", "needs 20");
    }

    @Test
    void a_header_length_beyond_the_file_is_reported() throws IOException {
        Path file = models.resolve("garbage.safetensors");
        Files.write(file, ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN).putLong(1L << 40).array());
        assertProblem("garbage.safetensors", "header length");
    }

    @Test
    void a_tensor_with_a_wrong_shape_is_named() throws IOException {
        String name = "model.diffusion_model.time_embed.0.weight";
        rewrite(models.resolve("bent.safetensors"), info -> info.name().equals(name)
                ? new long[] {info.shape()[1], info.shape()[0]} : info.shape());
        assertProblem("bent.safetensors", name);
    }

    @Test
    void a_pickle_checkpoint_is_refused_without_being_opened() throws IOException {
        Files.write(models.resolve("old.ckpt"), new byte[] {(byte) 0x80, 2, 'c', 'o', 's', '\n'});
        assertProblem("old.ckpt", "pickle");
    }

    @Test
    void sdxl_sd2_lora_and_unknown_files_say_what_they_are() throws IOException {
        single("xl.safetensors", "conditioner.embedders.0.transformer.text_model.final_layer_norm.weight");
        single("v2.safetensors", "cond_stage_model.model.ln_final.weight");
        single("lora.safetensors", "lora_unet_down_blocks_0_attentions_0_proj_in.lora_down.weight");
        single("other.safetensors", "encoder.weight");
        ModelRegistry registry = new ModelRegistry(home, home.resolve("cache"));
        assertHas(registry, "xl.safetensors", "SDXL");
        assertHas(registry, "v2.safetensors", "SD-2");
        assertHas(registry, "lora.safetensors", "LoRA");
        assertHas(registry, "other.safetensors", "not a Stable Diffusion checkpoint");
        assertTrue(registry.manifest("house-sd").isPresent());
    }

    private void single(String file, String tensor) throws IOException {
        new SafeTensorsWriter().addFloats(tensor, new long[] {2}, new float[] {1, 2}).write(models.resolve(file));
    }

    private void assertProblem(String file, String reason) {
        ModelRegistry registry = new ModelRegistry(home, home.resolve("cache"));
        assertHas(registry, file, reason);
        assertTrue(registry.manifest("house-sd").isPresent(), "the good checkpoint is still listed");
        assertEquals(1, registry.problems().size(), registry.problems().toString());
    }

    private static void assertHas(ModelRegistry registry, String file, String reason) {
        assertTrue(registry.problems().stream().anyMatch(p -> p.contains("'" + file + "'") && p.contains(reason)),
                "expected a problem naming " + file + " and '" + reason + "' in " + registry.problems());
    }

    private static void writeRaw(Path file, String header, int dataBytes) throws IOException {
        byte[] json = header.getBytes(StandardCharsets.UTF_8);
        ByteBuffer bytes = ByteBuffer.allocate(8 + json.length + dataBytes).order(ByteOrder.LITTLE_ENDIAN);
        bytes.putLong(json.length).put(json);
        Files.write(file, bytes.array());
    }

    /** Copies the tiny checkpoint with every tensor's bytes kept and some shapes replaced. */
    private static void rewrite(Path target, java.util.function.Function<TensorInfo, long[]> shape)
            throws IOException {
        SafeTensorsWriter writer = new SafeTensorsWriter();
        try (SafeTensorsFile file = SafeTensorsFile.open(TinyCheckpoint.path())) {
            for (TensorInfo info : file.tensors().values()) {
                ByteBuffer data = file.bytes(info.name());
                byte[] bytes = new byte[data.remaining()];
                data.get(bytes);
                writer.add(info.name(), info.type(), shape.apply(info), bytes);
            }
        }
        writer.write(target);
    }

}
