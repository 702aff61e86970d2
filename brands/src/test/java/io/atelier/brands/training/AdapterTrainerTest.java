package io.atelier.brands.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.atelier.brands.safetensors.Tensor;
import io.atelier.engine.model.ModelPackage;
import io.atelier.engine.model.ModelRegistry;
import io.atelier.micro.flats.FlatSample;
import io.atelier.micro.flats.FlatsGenerator;
import io.atelier.micro.model.AtelierMicroModel;
import io.atelier.micro.train.TrainableModule;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** LoRA-only adapter training on the shipped atelier-micro package (real TorchScript, DJL autograd), a few steps. */
class AdapterTrainerTest {
    @TempDir
    static Path home;
    static ModelPackage micro;
    static List<TrainingExample> examples = new ArrayList<>();

    static final AdapterTrainingOptions FEW_STEPS = AdapterTrainingOptions.defaults().withSteps(6).withBatch(2)
            .withCheckpointEvery(3).withRegularisation(0.25, 2);

    @BeforeAll
    static void setUp() {
        ModelRegistry registry = new ModelRegistry(home, home.resolve("cache"));
        registry.registerEmbedded(AtelierMicroModel.class.getClassLoader(), AtelierMicroModel.RESOURCE_FOLDER, true);
        micro = registry.open(AtelierMicroModel.ID);
        for (int i = 0; i < 3; i++) {
            FlatSample sample = FlatsGenerator.sample(100 + i, 128);
            examples.add(new TrainingExample(sample.image(), "brand_0 " + sample.canonicalPrompt()));
        }
    }

    @Test
    void training_moves_only_lora_slots_and_exports_kohya_tensors_with_base_weights_bit_identical() throws Exception {
        Path work = home.resolve("plain");
        TrainedAdapter adapter = new AdapterTrainer(micro).train(work, examples, FEW_STEPS, (s, t, l) -> { });
        try (TrainableModule shipped = TrainableModule.load(micro.component("unet"))) {
            assertEquals(AdapterTrainer.baseDigest(shipped), adapter.baseParametersDigest(),
                    "base parameters after training equal the shipped file's");
        }
        int slots = 32; // cross-attention everywhere, self-attention at 8x8 (docs/atelier-micro.md)
        assertEquals(3 * slots, adapter.tensors().size());
        Tensor up = adapter.tensors().stream()
                .filter(t -> t.name().equals("lora_unet_mid_block_attentions_0_transformer_blocks_0_attn2_to_q.lora_up.weight"))
                .findFirst().orElseThrow();
        assertEquals(List.of(128L, 8L), List.of(up.shape()[0], up.shape()[1]));
        boolean moved = false;
        for (float v : up.floats()) {
            moved |= v != 0f;
        }
        assertTrue(moved, "lora_up left zero: the adapter learnt nothing");
        assertTrue(Files.exists(work.resolve("loss.png")));
        assertTrue(Files.readAllLines(work.resolve("loss.csv")).size() == 7, "one loss row per step");
    }

    @Test
    void cancelled_then_resumed_training_gives_the_same_adapter_as_an_uninterrupted_run() {
        TrainedAdapter straight = new AdapterTrainer(micro).train(home.resolve("straight"), examples, FEW_STEPS,
                (s, t, l) -> { });
        Path work = home.resolve("interrupted");
        int[] seen = {0};
        TrainingListener stopsAfterFour = new TrainingListener() {
            @Override
            public void onStep(int step, int totalSteps, float loss) {
                seen[0] = step;
            }

            @Override
            public boolean isCancelled() {
                return seen[0] >= 4;
            }
        };
        assertThrows(TrainingCancelledException.class,
                () -> new AdapterTrainer(micro).train(work, examples, FEW_STEPS, stopsAfterFour));
        assertEquals(4, seen[0], "cancel stops before the next step");
        List<Integer> resumedSteps = new ArrayList<>();
        TrainedAdapter resumed = new AdapterTrainer(micro).train(work, examples, FEW_STEPS,
                (s, t, l) -> resumedSteps.add(s));
        assertEquals(List.of(4, 5, 6), resumedSteps, "resumes after the step-3 checkpoint");
        assertEquals(straight.tensors(), resumed.tensors(), "bit-identical to the uninterrupted run");
    }

    @Test
    void lower_rank_exports_that_rank() {
        TrainedAdapter adapter = new AdapterTrainer(micro).train(home.resolve("rank4"), examples,
                FEW_STEPS.withSteps(2).withRank(4), (s, t, l) -> { });
        Tensor down = adapter.tensors().get(0);
        assertEquals(4L, down.shape()[0]);
        assertEquals(4.0, adapter.alpha());
        assertFalse(adapter.tensors().isEmpty());
        assertThrows(IllegalArgumentException.class, () -> new AdapterTrainer(micro).train(home.resolve("rank9"),
                examples, FEW_STEPS.withRank(9), (s, t, l) -> { }));
    }
}
