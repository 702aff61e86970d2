package io.atelier.micro.train;

import io.atelier.engine.sampler.NoiseSchedule;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.atelier.micro.model.AtelierMicroModel;
import java.nio.file.Path;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CheckpointResumeTest {

    @TempDir
    Path tmp;

    private static final NoiseSchedule SCHEDULE = NoiseSchedule.of("linear", 1000, 1e-4f, 0.02f);

    @Test
    void resuming_from_a_checkpoint_restores_parameters_bit_for_bit_and_continues_as_without_interruption() {
        Path ckpt = tmp.resolve("checkpoint");
        float[] uninterrupted;
        float[] resumed;
        try (TrainableModule unet = load(AtelierMicroModel.UNET); TrainableModule text = load(AtelierMicroModel.TEXT_ENCODER)) {
            DiffusionTrainer trainer = new DiffusionTrainer(unet, text, SCHEDULE, 1e-4f, 2, 0.9f);
            step(trainer, 0);
            step(trainer, 1);
            Checkpoint.save(ckpt, new Checkpoint.Progress("unet", 2, 1.0, Map.of("latentScalingFactor", 1.5)), trainer.state());
            step(trainer, 2);
            uninterrupted = flatten(unet);
        }
        try (TrainableModule unet = load(AtelierMicroModel.UNET); TrainableModule text = load(AtelierMicroModel.TEXT_ENCODER);
             NDManager scope = unet.manager().newSubManager()) {
            DiffusionTrainer trainer = new DiffusionTrainer(unet, text, SCHEDULE, 1e-4f, 2, 0.9f);
            Checkpoint.Progress progress = Checkpoint.readProgress(ckpt).orElseThrow();
            assertEquals(2, progress.step());
            assertEquals(1.5, progress.scalars().get("latentScalingFactor"));
            Map<String, NDArray> saved = Checkpoint.readArrays(ckpt, scope);
            trainer.restore(saved, progress.step());
            for (var e : unet.parameters().entrySet()) {
                assertArrayEquals(saved.get("unet/" + e.getKey()).toFloatArray(), e.getValue().toFloatArray(), e.getKey());
            }
            assertEquals(2, trainer.stepCount());
            step(trainer, 2);
            resumed = flatten(unet);
        }
        // Restored parameters are bit-identical (checked above); the next step may differ in the last bit because
        // TorchScript's profiling executor runs a freshly loaded module unoptimised for its first calls, which
        // orders some float sums differently. Same data, same optimiser state, so the same update up to rounding.
        assertArrayEquals(uninterrupted, resumed, 1e-6f, "the step after resuming equals the step without interruption");
    }

    private static TrainableModule load(String file) {
        return TrainableModule.load(ShippedPackage.component(file));
    }

    private static void step(DiffusionTrainer trainer, int step) {
        SplittableRandom random = new SplittableRandom(100 + step);
        int batch = 2;
        trainer.step(TrainMicro.gaussian(random, batch * 1024), new long[batch * 16], new int[] {50 + step, 600},
                TrainMicro.gaussian(random, batch * 1024), new Shape(batch, 4, 16, 16));
    }

    private static float[] flatten(TrainableModule module) {
        int n = (int) module.parameterCount();
        float[] all = new float[n];
        int at = 0;
        for (NDArray p : module.parameters().values()) {
            float[] v = p.toFloatArray();
            System.arraycopy(v, 0, all, at, v.length);
            at += v.length;
        }
        return all;
    }
}
