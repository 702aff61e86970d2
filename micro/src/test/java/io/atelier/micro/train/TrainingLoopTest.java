package io.atelier.micro.train;

import io.atelier.engine.sampler.NoiseSchedule;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.types.Shape;
import io.atelier.micro.model.AtelierMicroModel;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Real DJL autograd through the real scripted components: repeated steps on one tiny batch must fit it. */
class TrainingLoopTest {

    @Test
    void diffusion_loss_decreases_over_a_few_steps_on_a_tiny_batch() {
        try (TrainableModule unet = TrainableModule.load(ShippedPackage.component(AtelierMicroModel.UNET));
             TrainableModule text = TrainableModule.load(ShippedPackage.component(AtelierMicroModel.TEXT_ENCODER))) {
            DiffusionTrainer trainer = new DiffusionTrainer(unet, text, NoiseSchedule.of("linear", 1000, 1e-4f, 0.02f),
                    5e-4f, 1, 0.99f);
            int batch = 4;
            SplittableRandom random = new SplittableRandom(7);
            float[] latents = TrainMicro.gaussian(random, batch * 1024);
            float[] noise = TrainMicro.gaussian(random, batch * 1024);
            long[] ids = new long[batch * 16];
            for (int b = 0; b < batch; b++) {
                ids[b * 16] = 5 + b;
            }
            int[] timesteps = {100, 300, 500, 700};
            Shape shape = new Shape(batch, 4, 16, 16);
            float first = trainer.step(latents, ids, timesteps, noise, shape);
            float last = first;
            for (int i = 0; i < 7; i++) {
                last = trainer.step(latents, ids, timesteps, noise, shape);
            }
            assertTrue(last < 0.9f * first, "loss " + first + " -> " + last);
        }
    }

    @Test
    void autoencoder_loss_decreases_over_a_few_steps_on_a_tiny_batch() {
        try (TrainableModule encoder = TrainableModule.load(ShippedPackage.component(AtelierMicroModel.VAE_ENCODER));
             TrainableModule decoder = TrainableModule.load(ShippedPackage.component(AtelierMicroModel.VAE_DECODER))) {
            VaeTrainer vae = new VaeTrainer(encoder, decoder, 1e-4f, 1, 2f); // with the block-colour term
            int batch = 2;
            int crop = 32;
            float[] pixels = new float[batch * 3 * crop * crop];
            ShapesImageSource shapes = new ShapesImageSource();
            for (int b = 0; b < batch; b++) {
                ImageTensors.writeChw(shapes.sample(b).image(), 48, 48, crop, pixels, b * 3 * crop * crop);
            }
            float[] noise = new float[batch * 4 * 4 * 4];
            float first = vae.step(pixels, batch, crop, noise);
            float last = first;
            for (int i = 0; i < 7; i++) {
                last = vae.step(pixels, batch, crop, noise);
            }
            assertTrue(last < first, "loss " + first + " -> " + last);
        }
    }
}
