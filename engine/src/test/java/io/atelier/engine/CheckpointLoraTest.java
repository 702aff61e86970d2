package io.atelier.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.atelier.engine.model.ModelRegistry;
import io.atelier.engine.safetensors.SafeTensorsWriter;
import io.atelier.engine.sd.TinyCheckpoint;
import io.atelier.engine.testing.Pixels;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * kohya LoRAs through the engine on a checkpoint in {@code <home>/models/}: listed in the request or named in the
 * prompt with A1111's {@code <lora:name:weight>}, from {@code <home>/loras/}. The LoRAs are the scaled-down
 * checkpoint's test ones (tools/sd/make_tiny_lora.py); their numbers are checked against the reference elsewhere
 * (KohyaLoraTest), here the behaviour a user sees.
 */
class CheckpointLoraTest {
    private static final String MODEL = "house-sd";
    @TempDir
    static Path home;
    private static DiffusionEngine engine;
    private static Path loraA;
    private static Path loraB;

    @BeforeAll
    static void install() throws IOException {
        Files.createDirectories(home.resolve("models"));
        Files.createDirectories(home.resolve("loras"));
        Files.copy(TinyCheckpoint.path(), home.resolve("models/house-sd.safetensors"));
        loraA = Files.copy(TinyCheckpoint.loraA(), home.resolve("loras/house-a.safetensors"));
        loraB = Files.copy(TinyCheckpoint.loraB(), home.resolve("loras/house-b.safetensors"));
        engine = new DiffusionEngine(new ModelRegistry(home, home.resolve("cache")),
                EngineOptions.defaults(home.resolve("cache")));
    }

    @AfterAll
    static void close() {
        engine.close();
    }

    private static GenerationRequest request(String prompt) {
        return GenerationRequest.of(prompt).withModel(MODEL).withSize(128, 64).withSteps(4).withSeed(11L);
    }

    private static BufferedImage image(GenerationRequest request) {
        return engine.generate(request, GenerationListener.NONE).images().get(0);
    }

    @Test
    void a_lora_changes_the_image_and_the_same_seed_reproduces_it_exactly() {
        BufferedImage base = image(request("leather bag, metal corners"));
        GenerationRequest withLora = request("leather bag, metal corners").withLoras(List.of(new AdapterSpec(loraA,
                1.0)));
        BufferedImage first = image(withLora);
        BufferedImage again = image(withLora);
        assertTrue(Pixels.maxChannelDifference(base, first) > 16, "the LoRA changes the picture");
        assertEquals(0, Pixels.maxChannelDifference(first, again), "same seed and LoRA, same pixels");
        assertEquals(0, Pixels.maxChannelDifference(base, image(request("leather bag, metal corners"))),
                "the base model is the same after a LoRA request");
    }

    @Test
    void a_prompt_tag_is_the_listed_lora_and_leaves_the_prompt() {
        GenerationResult tagged = engine.generate(request("leather bag <lora:house-a:0.7>, metal corners"),
                GenerationListener.NONE);
        BufferedImage listed = image(request("leather bag, metal corners").withLoras(List.of(new AdapterSpec(loraA,
                0.7))));
        assertEquals(0, Pixels.maxChannelDifference(tagged.images().get(0), listed));
        assertEquals("leather bag , metal corners", tagged.settings().prompt());
        assertEquals(List.of(new AdapterSpec(loraA, 0.7)), tagged.settings().loras());
    }

    @Test
    void weight_0_is_the_base_model() {
        BufferedImage base = image(request("red dress"));
        assertEquals(0, Pixels.maxChannelDifference(base, image(request("red dress").withLoras(List.of(
                new AdapterSpec(loraA, 0.0))))));
        assertEquals(0, Pixels.maxChannelDifference(base, image(request("red dress <lora:house-a:0>"))));
    }

    @Test
    void two_loras_add_up_whatever_their_order_and_differ_from_either() {
        AdapterSpec a = new AdapterSpec(loraA, 1.0);
        AdapterSpec b = new AdapterSpec(loraB, -0.8);
        BufferedImage ab = image(request("red dress").withLoras(List.of(a, b)));
        BufferedImage ba = image(request("red dress <lora:house-b:-0.8>").withLoras(List.of(a)));
        assertEquals(0, Pixels.maxChannelDifference(ab, ba));
        assertTrue(Pixels.maxChannelDifference(ab, image(request("red dress").withLoras(List.of(a)))) > 0);
        assertEquals(engine.validate(request("x").withLoras(List.of(a, b))).batchKey(),
                engine.validate(request("x").withLoras(List.of(b, a))).batchKey());
        assertNotEquals(engine.validate(request("x").withLoras(List.of(a))).batchKey(),
                engine.validate(request("x").withLoras(List.of(a, b))).batchKey(),
                "requests with other LoRAs never share a batch");
    }

    @Test
    void the_single_adapter_field_takes_a_kohya_lora_on_a_checkpoint() {
        assertEquals(0, Pixels.maxChannelDifference(image(request("coat").withAdapter(new AdapterSpec(loraA, 0.5))),
                image(request("coat").withLoras(List.of(new AdapterSpec(loraA, 0.5))))));
    }

    @Test
    void an_unknown_lora_name_is_refused_with_the_names_there_are() {
        InvalidGenerationParameterException e = assertThrows(InvalidGenerationParameterException.class,
                () -> engine.validate(request("dress <lora:hous-a:1>")));
        assertEquals("prompt", e.field());
        assertTrue(e.getMessage().contains("hous-a") && e.getMessage().contains("house-a, house-b"), e.getMessage());
        assertEquals("prompt", assertThrows(InvalidGenerationParameterException.class,
                () -> engine.validate(request("dress <lora:house-a:0.5:0.2>"))).field());
        assertEquals("negativePrompt", assertThrows(InvalidGenerationParameterException.class,
                () -> engine.validate(request("dress").withNegativePrompt("<lora:house-a:1>"))).field());
        assertEquals("loras", assertThrows(InvalidGenerationParameterException.class,
                () -> engine.validate(request("dress").withLoras(List.of(new AdapterSpec(loraA, 2.5))))).field());
    }

    @Test
    void a_lora_for_another_model_is_refused_naming_the_module_and_shapes() throws IOException {
        String module = "lora_unet_down_blocks_0_attentions_0_transformer_blocks_0_attn1_to_q";
        Path sd15Sized = home.resolve("loras/full-size.safetensors");
        new SafeTensorsWriter().addFloats(module + ".lora_down.weight", new long[] {4, 320}, new float[4 * 320])
                .addFloats(module + ".lora_up.weight", new long[] {320, 4}, new float[320 * 4]).write(sd15Sized);
        InvalidGenerationParameterException e = assertThrows(InvalidGenerationParameterException.class,
                () -> engine.generate(request("dress <lora:full-size:1>"), GenerationListener.NONE));
        assertEquals("loras", e.field());
        assertTrue(e.getMessage().contains(module) && e.getMessage().contains("[32, 32]")
                && e.getMessage().contains("[4, 320]"), e.getMessage());
        // The model is as it was: the next request runs on the base.
        assertEquals(0, Pixels.maxChannelDifference(image(request("red dress")), image(request("red dress"))));
    }
}
