package io.atelier.brands.training;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.atelier.engine.lora.KohyaKeys;
import io.atelier.brands.safetensors.SafeTensors;
import io.atelier.brands.safetensors.Tensor;
import io.atelier.engine.AdapterSpec;
import io.atelier.engine.DiffusionEngine;
import io.atelier.engine.EngineOptions;
import io.atelier.engine.GenerationListener;
import io.atelier.engine.GenerationRequest;
import io.atelier.engine.InvalidGenerationParameterException;
import io.atelier.engine.model.ModelRegistry;
import io.atelier.micro.model.AtelierMicroModel;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** LoRA adapters applied per request by the engine, on the shipped atelier-micro UNet (real TorchScript). */
class AdapterApplicationTest {
    /** The micro UNet's slots: module path, input and output features (docs/atelier-micro.md). */
    static final String SLOT = "down_blocks.0.attentions.0.transformer_blocks.0.attn2.to_q";
    @TempDir
    static Path home;
    private static DiffusionEngine engine;

    @BeforeAll
    static void start() {
        ModelRegistry registry = new ModelRegistry(home, home.resolve("cache"));
        registry.registerEmbedded(AtelierMicroModel.class.getClassLoader(), AtelierMicroModel.RESOURCE_FOLDER, true);
        engine = new DiffusionEngine(registry, EngineOptions.defaults(home.resolve("cache")));
    }

    @AfterAll
    static void stop() {
        engine.close();
    }

    @Test
    void adapter_with_zero_up_projections_gives_identical_pixels() throws Exception {
        Path zero = writeAdapter("zero.safetensors", 0f, 1L);
        assertArrayEquals(pixels(base()), pixels(generate(AdapterSpec.of(zero, 1.0))));
    }

    @Test
    void adapter_changes_pixels_and_no_adapter_afterwards_is_base_again() throws Exception {
        Path random = writeAdapter("random.safetensors", 0.5f, 2L);
        int[] before = pixels(base());
        int[] adapted = pixels(generate(AdapterSpec.of(random, 1.0)));
        assertFalse(java.util.Arrays.equals(before, adapted), "the adapter should change the image");
        assertArrayEquals(before, pixels(base()), "the next request without adapter is the base model's");
        int[] half = pixels(generate(AdapterSpec.of(random, 0.5)));
        assertFalse(java.util.Arrays.equals(half, adapted), "the weight scales the adapter");
    }

    @Test
    void weight_zero_is_the_base_model() throws Exception {
        Path random = writeAdapter("random0.safetensors", 0.5f, 3L);
        assertArrayEquals(pixels(base()), pixels(generate(AdapterSpec.of(random, 0.0))));
    }

    @Test
    void weight_outside_zero_to_two_and_foreign_files_are_refused_with_the_field() throws Exception {
        Path random = writeAdapter("random1.safetensors", 0.5f, 4L);
        var tooHigh = assertThrows(InvalidGenerationParameterException.class,
                () -> generate(AdapterSpec.of(random, 2.5)));
        assertEquals("adapterWeight", tooHigh.field());
        Path foreign = home.resolve("foreign.safetensors");
        Files.write(foreign, SafeTensors.write(Map.of(), List.of(
                Tensor.ofFloats("lora_unet_nowhere.lora_down.weight", new long[] {8, 64}, new float[8 * 64]),
                Tensor.ofFloats("lora_unet_nowhere.lora_up.weight", new long[] {64, 8}, new float[8 * 64]))));
        var unfit = assertThrows(InvalidGenerationParameterException.class,
                () -> generate(AdapterSpec.of(foreign, 1.0)));
        assertEquals("adapter", unfit.field());
        Files.write(home.resolve("junk.safetensors"), new byte[] {1, 2, 3});
        var junk = assertThrows(InvalidGenerationParameterException.class,
                () -> generate(AdapterSpec.of(home.resolve("junk.safetensors"), 1.0)));
        assertEquals("adapter", junk.field());
        assertArrayEquals(pixels(base()), pixels(base()), "a refused adapter leaves the model as it was");
    }

    private static BufferedImage base() {
        return generate(null);
    }

    private static BufferedImage generate(AdapterSpec adapter) {
        GenerationRequest request = GenerationRequest.of("red stripes dress belt").withSteps(4).withSeed(7L)
                .withAdapter(adapter);
        return engine.generate(request, GenerationListener.NONE).images().get(0);
    }

    static int[] pixels(BufferedImage image) {
        return image.getRGB(0, 0, image.getWidth(), image.getHeight(), null, 0, image.getWidth());
    }

    /** A rank-4 adapter over every cross-attention query of the micro UNet (64 features in and out). */
    private static Path writeAdapter(String name, float upScale, long seed) throws Exception {
        Random random = new Random(seed);
        List<Tensor> tensors = new ArrayList<>();
        int rank = 4;
        for (String module : List.of(SLOT, "up_blocks.1.attentions.0.transformer_blocks.0.attn2.to_q")) {
            KohyaKeys keys = KohyaKeys.forUnetModule(module);
            float[] down = new float[rank * 64];
            float[] up = new float[64 * rank];
            for (int i = 0; i < down.length; i++) {
                down[i] = (float) random.nextGaussian() * 0.3f;
                up[i] = (float) random.nextGaussian() * upScale;
            }
            tensors.add(Tensor.ofFloats(keys.down(), new long[] {rank, 64}, down));
            tensors.add(Tensor.ofFloats(keys.up(), new long[] {64, rank}, up));
            tensors.add(Tensor.ofFloats(keys.alpha(), new long[] {}, new float[] {rank}));
        }
        Path file = home.resolve(name);
        Files.write(file, SafeTensors.write(Map.of(), tensors));
        return file;
    }
}
