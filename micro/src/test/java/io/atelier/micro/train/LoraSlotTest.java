package io.atelier.micro.train;

import io.atelier.engine.sampler.NoiseSchedule;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import io.atelier.micro.model.AtelierMicroModel;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The UNet's LoRA slots (issue 5): inert while lora_up is zero, and trainable alone. */
class LoraSlotTest {

    private static final NoiseSchedule SCHEDULE = NoiseSchedule.of("linear", 1000, 1e-4f, 0.02f);

    @Test
    void every_attention_projection_has_a_lora_slot_with_diffusers_names() {
        try (TrainableModule unet = TrainableModule.load(ShippedPackage.component(AtelierMicroModel.UNET))) {
            long slots = unet.parameters().keySet().stream().filter(n -> n.endsWith(".lora_up.weight")).count();
            assertTrue(slots >= 20, "slots: " + slots);
            assertTrue(unet.parameters().containsKey(
                    "down_blocks.0.attentions.0.transformer_blocks.0.attn2.to_q.lora_down.weight"));
            assertTrue(unet.parameters().containsKey(
                    "mid_block.attentions.0.transformer_blocks.0.attn1.to_out.0.lora_up.weight"));
        }
    }

    @Test
    void lora_slots_with_zero_up_projection_leave_the_unet_output_unchanged() {
        try (TrainableModule unet = TrainableModule.load(ShippedPackage.component(AtelierMicroModel.UNET));
             NDManager scope = unet.manager().newSubManager()) {
            Map<String, NDArray> ups = byPattern(unet, ".lora_up.");
            assertTrue(ups.values().stream().allMatch(a -> a.abs().max().getFloat() == 0f), "shipped lora_up must be zero");
            float[] base = forward(unet, scope, 0f);
            // Different random down projections and a full adapter weight: still inert while up = 0.
            Map<String, NDArray> downs = new LinkedHashMap<>();
            byPattern(unet, ".lora_down.").forEach((n, a) -> downs.put(n, scope.randomNormal(a.getShape())));
            unet.loadValues(downs);
            assertArrayEquals(base, forward(unet, scope, 1f));
            // …and live as soon as lora_up is not zero.
            Map<String, NDArray> nonZeroUps = new LinkedHashMap<>();
            ups.forEach((n, a) -> nonZeroUps.put(n, scope.randomNormal(0f, 0.05f, a.getShape(), DataType.FLOAT32)));
            unet.loadValues(nonZeroUps);
            assertFalse(Arrays.equals(base, forward(unet, scope, 1f)));
        }
    }

    @Test
    void training_only_lora_parameters_leaves_base_parameters_bit_identical() {
        try (TrainableModule unet = TrainableModule.load(ShippedPackage.component(AtelierMicroModel.UNET));
             TrainableModule text = TrainableModule.load(ShippedPackage.component(AtelierMicroModel.TEXT_ENCODER))) {
            Map<String, float[]> before = snapshot(unet);
            Map<String, float[]> textBefore = snapshot(text);
            DiffusionTrainer trainer = new DiffusionTrainer(unet, text, SCHEDULE, 1e-3f, 1, 0.99f,
                    DiffusionTrainer.LORA_PARAMETERS, false);
            SplittableRandom random = new SplittableRandom(3);
            for (int i = 0; i < 3; i++) {
                trainer.step(TrainMicro.gaussian(random, 2 * 1024), new long[] {5, 6, 7, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
                        8, 9, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0}, new int[] {200, 700},
                        TrainMicro.gaussian(random, 2 * 1024), new Shape(2, 4, 16, 16));
            }
            Map<String, float[]> after = snapshot(unet);
            boolean loraChanged = false;
            for (String name : before.keySet()) {
                if (DiffusionTrainer.LORA_PARAMETERS.test(name)) {
                    loraChanged |= !Arrays.equals(before.get(name), after.get(name));
                } else {
                    assertArrayEquals(before.get(name), after.get(name), name);
                }
            }
            assertTrue(loraChanged, "LoRA parameters must have trained");
            snapshot(text).forEach((name, v) -> assertArrayEquals(textBefore.get(name), v, name));
        }
    }

    @Test
    void teacher_rows_learn_the_base_models_own_prediction_and_leave_the_slots_switched_on() {
        try (TrainableModule unet = TrainableModule.load(ShippedPackage.component(AtelierMicroModel.UNET));
             TrainableModule text = TrainableModule.load(ShippedPackage.component(AtelierMicroModel.TEXT_ENCODER))) {
            DiffusionTrainer trainer = new DiffusionTrainer(unet, text, SCHEDULE, 1e-3f, 1, 0.99f,
                    DiffusionTrainer.LORA_PARAMETERS, false);
            SplittableRandom random = new SplittableRandom(5);
            long[] ids = new long[2 * 16];
            ids[0] = 5;
            ids[16] = 8;
            float[] latents = TrainMicro.gaussian(random, 2 * 1024);
            float[] noise = TrainMicro.gaussian(random, 2 * 1024);
            Shape shape = new Shape(2, 4, 16, 16);
            boolean[] teacher = {true, true};
            // The shipped slots are inert (lora_up = 0), so the adapter is the base: nothing to learn from the teacher.
            assertTrue(trainer.step(latents, ids, new int[] {300, 600}, noise, shape, teacher, 5f) == 0f,
                    "an inert adapter already agrees with its teacher");
            // The same rows against the noise do have a loss: the teacher target is not the noise.
            assertTrue(trainer.step(latents, ids, new int[] {300, 600}, noise, shape) > 0f);
            // After steps on the noise the adapter has moved: now the teacher rows see a difference.
            assertTrue(trainer.step(latents, ids, new int[] {300, 600}, noise, shape, teacher, 5f) > 0f);
            byPattern(unet, ".lora_scale").forEach((n, a) -> assertArrayEquals(new float[] {1f}, a.toFloatArray(), n));
        }
    }

    private static float[] forward(TrainableModule unet, NDManager scope, float loraScale) {
        Map<String, NDArray> scales = new LinkedHashMap<>();
        byPattern(unet, ".lora_scale").forEach((n, a) -> scales.put(n, scope.create(new float[] {loraScale})));
        unet.loadValues(scales);
        try (NDManager step = scope.newSubManager()) {
            SplittableRandom random = new SplittableRandom(11);
            NDArray x = step.create(TrainMicro.gaussian(random, 2 * 1024), new Shape(2, 4, 16, 16));
            NDArray text = step.create(TrainMicro.gaussian(random, 2 * 16 * 64), new Shape(2, 16, 64));
            return unet.forward(true, x, step.create(new float[] {10f, 900f}), text).toFloatArray();
        }
    }

    private static Map<String, NDArray> byPattern(TrainableModule module, String pattern) {
        Map<String, NDArray> out = new LinkedHashMap<>();
        module.parameters().forEach((n, a) -> {
            if (n.contains(pattern)) {
                out.put(n, a);
            }
        });
        return out;
    }

    private static Map<String, float[]> snapshot(TrainableModule module) {
        Map<String, float[]> out = new LinkedHashMap<>();
        module.parameters().forEach((n, a) -> out.put(n, a.toFloatArray()));
        return out;
    }
}
