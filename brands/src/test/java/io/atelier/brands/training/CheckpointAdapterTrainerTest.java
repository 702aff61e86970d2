package io.atelier.brands.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import io.atelier.brands.safetensors.SafeTensors;
import io.atelier.brands.safetensors.Tensor;
import io.atelier.engine.model.CheckpointFile;
import io.atelier.engine.model.Sha256;
import io.atelier.engine.safetensors.TensorSource;
import io.atelier.engine.sd.CheckpointSources;
import io.atelier.engine.sd.DiffusersNames;
import io.atelier.engine.sd.KohyaLora;
import io.atelier.engine.sd.LoraPatch;
import io.atelier.engine.sd.Sd1Model;
import io.atelier.micro.train.Checkpoint;
import io.atelier.micro.train.TrainMicro;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SD-1.5 brand adapters on the scaled-down SD-1.5-layout checkpoint: 50 LoRA steps with DJL autograd through the
 * engine's UNet, a crash (kill -9 of a child JVM between checkpoints) and a resume, the kohya file read back by the
 * engine's LoRA path.
 */
class CheckpointAdapterTrainerTest {
    @TempDir
    static Path home;
    static CheckpointFile checkpoint;
    static String fileShaBefore;
    static TrainedAdapter straight;

    @BeforeAll
    static void trainUninterrupted() throws Exception {
        checkpoint = TinyCheckpointTraining.checkpoint(home);
        fileShaBefore = Sha256.of(checkpoint.file());
        straight = new CheckpointAdapterTrainer(checkpoint).train(home.resolve("straight"),
                TinyCheckpointTraining.examples(), TinyCheckpointTraining.OPTIONS, (s, t, l) -> { });
    }

    @Test
    void killed_between_checkpoints_and_resumed_the_adapter_is_bit_identical_to_an_uninterrupted_run()
            throws Exception {
        Path work = home.resolve("crashed");
        // Step 1: a child JVM trains and is killed (SIGKILL) while paused after step 33, the last checkpoint at 30.
        String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", classPath, TinyCheckpointTraining.class.getName(), home.toString(), work.toString(), "33")
                .redirectErrorStream(true).start();
        boolean paused = false;
        List<String> lines = new ArrayList<>();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(),
                StandardCharsets.UTF_8))) {
            for (String line = out.readLine(); line != null; line = out.readLine()) {
                lines.add(line);
                if (line.startsWith("step 33 ")) {
                    paused = true;
                    break;
                }
            }
            child.destroyForcibly();
            assertTrue(child.waitFor(30, TimeUnit.SECONDS));
        }
        assertTrue(paused, () -> "the child trained to step 33: " + lines);
        assertEquals(137, child.exitValue(), "killed by SIGKILL");
        assertEquals(30, Checkpoint.readProgress(work.resolve("checkpoint")).orElseThrow().step());

        // Step 2: resume in this JVM.
        List<Integer> steps = new ArrayList<>();
        TrainedAdapter resumed = new CheckpointAdapterTrainer(checkpoint).train(work,
                TinyCheckpointTraining.examples(), TinyCheckpointTraining.OPTIONS, (s, t, l) -> steps.add(s));
        assertEquals(31, steps.get(0), "goes on after the step-30 checkpoint");
        assertEquals(50, steps.get(steps.size() - 1));
        assertTrue(straight.tensors().equals(resumed.tensors()), "bit-identical to the uninterrupted run");
        assertTrue(Files.readString(work.resolve("loss.csv")).lines().count() > 50, "the loss log covers every step");
    }

    @Test
    void the_adapter_has_kohya_names_loads_through_the_lora_path_and_changes_the_prediction() throws Exception {
        List<Tensor> tensors = straight.tensors();
        assertTrue(tensors.stream().allMatch(t -> t.name().startsWith("lora_unet_")), tensors.get(0)::name);
        assertTrue(tensors.stream().anyMatch(t -> t.name().equals(
                "lora_unet_down_blocks_0_attentions_0_transformer_blocks_0_attn2_to_k.lora_down.weight")));
        assertTrue(tensors.stream().anyMatch(t -> t.name().equals(
                "lora_unet_mid_block_attentions_0_transformer_blocks_0_attn1_to_out_0.lora_up.weight")));
        Path file = home.resolve("house.safetensors");
        Files.write(file, SafeTensors.write(Map.of(), tensors));

        try (TensorSource source = CheckpointSources.open(checkpoint.file());
             Sd1Model model = Sd1Model.load(source, checkpoint.config(), Device.cpu(), DataType.FLOAT32);
             NDManager manager = NDManager.newBaseManager(Device.cpu())) {
            KohyaLora lora = KohyaLora.read(file, model.config(), DiffusersNames.of(model.config()));
            // 16 spatial transformers of the tiny UNet x 8 attention projections.
            assertEquals(128, lora.deltas().size());
            SplittableRandom random = new SplittableRandom(5);
            NDArray sample = manager.create(TrainMicro.gaussian(random, 4 * 8 * 8), new Shape(1, 4, 8, 8));
            NDArray timestep = manager.create(new float[] {500});
            NDArray context = model.encodeText(manager.create(io.atelier.engine.text.ClipTokenizer.standard()
                    .contextIds("brand_0 dress"), new Shape(1, 77)));
            float[] base = model.predictNoise(sample, timestep, context).toFloatArray();
            float[] adapted;
            try (LoraPatch patch = LoraPatch.merge(model, List.of(new LoraPatch.Entry(lora, 1.0)))) {
                adapted = model.withReplaced(patch.tensors()).predictNoise(sample, timestep, context).toFloatArray();
            }
            double largest = 0;
            for (int i = 0; i < base.length; i++) {
                largest = Math.max(largest, Math.abs(base[i] - adapted[i]));
            }
            assertTrue(largest > 1e-3, "the adapter changes the prediction (largest change " + largest + ")");
            assertEquals(straight.baseParametersDigest(), CheckpointAdapterTrainer.baseDigest(model),
                    "a fresh load of the checkpoint has the trained run's base tensors");
        }
        assertEquals(fileShaBefore, Sha256.of(checkpoint.file()), "the checkpoint file is untouched");
        assertEquals(fileShaBefore, straight.baseUnetSha256(), "the adapter records its base checkpoint");
        assertFalse(Double.isNaN(straight.finalLoss()));
    }

    @Test
    void a_cancelled_training_stops_before_the_next_step_and_keeps_its_last_checkpoint() throws Exception {
        Path work = home.resolve("cancelled");
        List<Integer> steps = new ArrayList<>();
        TrainingListener listener = new TrainingListener() {
            @Override
            public void onStep(int step, int totalSteps, float loss) {
                steps.add(step);
            }

            @Override
            public boolean isCancelled() {
                return steps.size() == 12;
            }
        };
        assertThrows(TrainingCancelledException.class, () -> new CheckpointAdapterTrainer(checkpoint).train(work,
                TinyCheckpointTraining.examples(), TinyCheckpointTraining.OPTIONS, listener));
        assertEquals(12, steps.size());
        assertEquals(10, Checkpoint.readProgress(work.resolve("checkpoint")).orElseThrow().step());
    }

    @Test
    void a_resolution_the_unet_cannot_take_is_refused() {
        assertThrows(IllegalArgumentException.class, () -> new CheckpointAdapterTrainer(checkpoint).train(
                home.resolve("odd"), TinyCheckpointTraining.examples(),
                TinyCheckpointTraining.OPTIONS.withResolution(60), (s, t, l) -> { }));
    }
}
