package io.atelier.engine.pipeline;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import io.atelier.engine.AdapterSpec;
import io.atelier.engine.InvalidGenerationParameterException;
import io.atelier.engine.model.CheckpointFile;
import io.atelier.engine.model.CheckpointManifests;
import io.atelier.engine.model.ModelRegistry;
import io.atelier.engine.safetensors.SafeTensorsFile;
import io.atelier.engine.safetensors.SafeTensorsWriter;
import io.atelier.engine.safetensors.TensorType;
import io.atelier.engine.sd.DiffusersNames;
import io.atelier.engine.sd.Sd1Layout;
import io.atelier.engine.sd.TinyCheckpoint;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;
import org.junit.jupiter.api.io.TempDir;

/**
 * The per-batch swap of merged LoRA tensors on a checkpoint: in for the batch, the base back after, a LoRA that does
 * not fit leaves the model as it was; and what applying costs at first use and from the cache (printed, not asserted).
 * The full-size figures run when ATELIER_SD15_RANDOM names a full-size SD-1.5 file
 * (tools/sd/write_full_random_sd15.py writes one).
 */
class CheckpointLorasTest {
    private static final Pattern ATTENTION = Pattern.compile(
            "lora_unet_(down_blocks|up_blocks|mid_block).*_attn[12]_to_(q|k|v|out_0)");
    @TempDir
    Path home;

    private CheckpointFile install(Path checkpoint) throws IOException {
        Files.createDirectories(home.resolve("models"));
        Path linked = home.resolve("models").resolve(checkpoint.getFileName());
        Files.createSymbolicLink(linked, checkpoint.toAbsolutePath());
        ModelRegistry registry = new ModelRegistry(home, home.resolve("cache"));
        return (CheckpointFile) registry.source(CheckpointManifests.idFor(checkpoint.getFileName().toString()));
    }

    @Test
    void the_merged_tensors_are_in_for_the_batch_and_the_base_is_back_after() throws Exception {
        try (CheckpointComponents components = CheckpointComponents.load(install(TinyCheckpoint.path()),
                DeviceChoice.forCheckpoint());
             CheckpointLoras loras = new CheckpointLoras("tiny", components);
             NDManager manager = NDManager.newBaseManager();
             SafeTensorsFile fixtures = SafeTensorsFile.open(TinyCheckpoint.fixtures())) {
            ModelComponent text = components.inContractOrder().get(0);
            NDList ids = new NDList(fixtures.array(manager, "text.input_ids"));
            float[] base = text.forward(manager, ids).singletonOrThrow().toFloatArray();
            float[] during;
            try (BatchAdapters.Applied applied = loras.apply(null, List.of(new AdapterSpec(TinyCheckpoint.loraA(),
                    1.0)))) {
                during = text.forward(manager, ids).singletonOrThrow().toFloatArray();
            }
            float[] after = text.forward(manager, ids).singletonOrThrow().toFloatArray();
            assertFalse(java.util.Arrays.equals(base, during), "the LoRA's text-encoder modules are in");
            assertArrayEquals(base, after, "the base is back, bit for bit");

            Path foreign = home.resolve("foreign.safetensors");
            String module = "lora_te_text_model_encoder_layers_0_self_attn_q_proj";
            new SafeTensorsWriter().addFloats(module + ".lora_down.weight", new long[] {2, 768}, new float[2 * 768])
                    .addFloats(module + ".lora_up.weight", new long[] {768, 2}, new float[2 * 768]).write(foreign);
            InvalidGenerationParameterException e = assertThrows(InvalidGenerationParameterException.class,
                    () -> loras.apply(new AdapterSpec(foreign, 1.0), List.of()));
            assertEquals("adapter", e.field());
            assertArrayEquals(base, text.forward(manager, ids).singletonOrThrow().toFloatArray(),
                    "a refused LoRA leaves the model as it was");
        }
    }

    @Test
    void apply_time_at_first_use_and_from_the_cache_on_the_tiny_checkpoint() throws Exception {
        try (CheckpointComponents components = CheckpointComponents.load(install(TinyCheckpoint.path()),
                DeviceChoice.forCheckpoint());
             CheckpointLoras loras = new CheckpointLoras("tiny", components)) {
            List<AdapterSpec> both = List.of(new AdapterSpec(TinyCheckpoint.loraA(), 1.0),
                    new AdapterSpec(TinyCheckpoint.loraB(), 0.5));
            report("tiny-sd15, LoRAs A + B", loras, both);
        }
    }

    @Test
    @EnabledIfEnvironmentVariable(named = "ATELIER_SD15_RANDOM", matches = ".+")
    void apply_time_on_the_full_size_checkpoint_with_a_rank_8_attention_lora() throws Exception {
        Path checkpoint = Path.of(System.getenv("ATELIER_SD15_RANDOM"));
        try (CheckpointComponents components = CheckpointComponents.load(install(checkpoint),
                DeviceChoice.forCheckpoint());
             CheckpointLoras loras = new CheckpointLoras("sd15-random", components)) {
            Path lora = home.resolve("rank8.safetensors");
            long begin = System.nanoTime();
            int modules = writeRandomLora(lora, DiffusersNames.of(components.base().config()),
                    Sd1Layout.expectedShapes(components.base().config()), 8);
            System.out.printf(Locale.ROOT, "full-size rank-8 LoRA on %d attention projections: %.1f MB (F16),"
                    + " written in %.1f s%n", modules, Files.size(lora) / 1e6, (System.nanoTime() - begin) / 1e9);
            report("sd15 full size, rank 8", loras, List.of(new AdapterSpec(lora, 0.8)));
        }
    }

    private static void report(String what, CheckpointLoras loras, List<AdapterSpec> specs) {
        loras.apply(null, specs).close();
        CheckpointLoras.ApplyFigures first = loras.lastApply();
        long cachedNanos = Long.MAX_VALUE;
        for (int i = 0; i < 5; i++) {
            loras.apply(null, specs).close();
            assertTrue(loras.lastApply().cached());
            cachedNanos = Math.min(cachedNanos, loras.lastApply().nanos());
        }
        assertFalse(first.cached());
        System.out.printf(Locale.ROOT, "%s: %d tensors merged (%.1f MB); apply at first use %.1f ms (read, check,"
                + " merge), from the cache %.3f ms%n", what, first.tensors(), first.bytes() / 1e6, first.nanos() / 1e6,
                cachedNanos / 1e6);
    }

    /** Random F16 pairs, kohya's names, on every UNet attention projection (q, k, v, out of attn1 and attn2). */
    private static int writeRandomLora(Path file, DiffusersNames names, Map<String, long[]> shapes, int rank)
            throws IOException {
        SplittableRandom random = new SplittableRandom(8);
        SafeTensorsWriter writer = new SafeTensorsWriter();
        int modules = 0;
        for (Map.Entry<String, String> module : names.kohyaModules().entrySet()) {
            if (!ATTENTION.matcher(module.getKey()).matches()) {
                continue;
            }
            long[] shape = shapes.get(module.getValue() + ".weight");
            writer.add(module.getKey() + ".lora_down.weight", TensorType.F16, new long[] {rank, shape[1]},
                    halves(random, rank * shape[1], 1 / Math.sqrt(shape[1])));
            writer.add(module.getKey() + ".lora_up.weight", TensorType.F16, new long[] {shape[0], rank},
                    halves(random, shape[0] * rank, 0.01));
            writer.addFloats(module.getKey() + ".alpha", new long[0], new float[] {rank / 2f});
            modules++;
        }
        writer.write(file);
        return modules;
    }

    private static byte[] halves(SplittableRandom random, long count, double std) {
        ByteBuffer bytes = ByteBuffer.allocate((int) (2 * count)).order(ByteOrder.LITTLE_ENDIAN);
        for (long i = 0; i < count; i++) {
            bytes.putShort(toHalf((float) (random.nextGaussian() * std)));
        }
        return bytes.array();
    }

    /** float to IEEE half, round to nearest (values here are small and normal or zero). */
    private static short toHalf(float value) {
        int bits = Float.floatToIntBits(value);
        int sign = (bits >>> 16) & 0x8000;
        int exponent = ((bits >>> 23) & 0xff) - 127 + 15;
        if (exponent <= 0) {
            return (short) sign;
        }
        int mantissa = (bits & 0x7fffff) + 0x1000;
        if ((mantissa & 0x800000) != 0) {
            mantissa = 0;
            exponent++;
        }
        return (short) (sign | (exponent << 10) | (mantissa >>> 13));
    }
}
