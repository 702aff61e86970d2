package io.atelier.brands.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import io.atelier.engine.safetensors.SafeTensorsFile;
import io.atelier.engine.safetensors.TensorSource;
import io.atelier.engine.sampler.NoiseSchedule;
import io.atelier.engine.sd.CheckpointInspector;
import io.atelier.engine.sd.CheckpointSources;
import io.atelier.engine.sd.Sd1Model;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * One training step's loss and gradients on the scaled-down SD-1.5 checkpoint against python3-torch's autograd on the
 * same weights, inputs and LoRA values (tools/sd/make_lora_gradient_reference.py): every lora_down and lora_up of the
 * 128 attention projections within 1e-4.
 */
class CheckpointLoraGradientTest {
    private static final double TOLERANCE = 1e-4;

    @Test
    void one_steps_gradients_match_torch_autograd_on_every_attention_pair() throws Exception {
        try (TensorSource file = CheckpointSources.open(TinyCheckpointTraining.TINY);
             SafeTensorsFile reference = SafeTensorsFile.open(resource("tiny-lora-gradient-fixtures.safetensors"));
             NDManager manager = NDManager.newBaseManager(Device.cpu())) {
            Sd1Model model = Sd1Model.load(file, CheckpointInspector.inspect(file), Device.cpu(), DataType.FLOAT32);
            try (model; CheckpointLoraWeights lora = CheckpointLoraWeights.create(model, 4, 0, false)) {
                Map<String, NDArray> values = new HashMap<>();
                for (String name : lora.trainable().keySet()) {
                    values.put(name, reference.array(manager, name));
                }
                lora.restore(values);
                CheckpointLoraStep step = new CheckpointLoraStep(model, lora, NoiseSchedule.of("scaled_linear", 1000,
                        0.00085, 0.012), manager, 1e-3f, 20);
                float loss = step.backward(manager, reference.array(manager, "sample"),
                        reference.array(manager, "timesteps"), reference.array(manager, "context"),
                        reference.array(manager, "target"), reference.array(manager, "weights"));
                assertEquals(reference.floats("loss")[0], loss, TOLERANCE, "loss");
                assertEquals(256, lora.trainable().size());
                double worst = 0;
                for (Map.Entry<String, NDArray> pair : lora.trainable().entrySet()) {
                    float[] expected = reference.floats("grad/" + pair.getKey());
                    float[] actual = pair.getValue().getGradient().toFloatArray();
                    assertEquals(expected.length, actual.length, pair.getKey());
                    double largest = 0;
                    for (int i = 0; i < expected.length; i++) {
                        largest = Math.max(largest, Math.abs(expected[i] - actual[i]));
                    }
                    worst = Math.max(worst, largest);
                    assertTrue(largest <= TOLERANCE, pair.getKey() + " differs by " + largest);
                }
                System.out.printf("largest gradient difference against torch: %.2e%n", worst);
            }
        }
    }

    private static Path resource(String name) throws URISyntaxException {
        return Path.of(CheckpointLoraGradientTest.class.getResource("/io/atelier/brands/training/" + name).toURI());
    }
}
