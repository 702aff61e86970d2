package io.atelier.brands.training;

import io.atelier.engine.model.CheckpointFile;
import io.atelier.engine.model.ModelRegistry;
import io.atelier.micro.flats.FlatSample;
import io.atelier.micro.flats.FlatsGenerator;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The scaled-down SD-1.5-layout checkpoint the engine's tests use (tools/sd/make_tiny_sd15.py: every real key name,
 * small widths), registered as a user's checkpoint is, with a few house examples and the settings the training tests
 * share. Also the main of the child JVM that the crash test kills.
 */
final class TinyCheckpointTraining {
    static final Path TINY = Path.of("..", "engine", "src", "test", "resources", "io", "atelier", "engine", "sd",
            "tiny-sd15.safetensors");
    /** 50 steps at 64 px, a checkpoint every 10, a quarter of each batch plain flats trained towards the teacher. */
    static final AdapterTrainingOptions OPTIONS = AdapterTrainingOptions.defaults().withSteps(50).withBatch(2)
            .withRank(4).withCheckpointEvery(10).withRegularisation(0.25, 2).withResolution(64);

    private TinyCheckpointTraining() {
    }

    /** The tiny checkpoint copied into {@code home}'s models folder and found by the registry as a bridge finds it. */
    static CheckpointFile checkpoint(Path home) throws IOException {
        Path models = Files.createDirectories(home.resolve("models"));
        Path file = models.resolve("house-sd.safetensors");
        if (!Files.exists(file)) {
            Files.copy(TINY, file);
        }
        return (CheckpointFile) new ModelRegistry(home, home.resolve("cache")).source("house-sd");
    }

    static List<TrainingExample> examples() {
        List<TrainingExample> examples = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            FlatSample sample = FlatsGenerator.sample(100 + i, 128);
            examples.add(new TrainingExample(sample.image(), "brand_0 " + sample.canonicalPrompt()));
        }
        return examples;
    }

    /** Child JVM: {@code <home> <workDir> <pauseAtStep>} trains, printing each step, and sleeps at the pause step. */
    public static void main(String[] args) throws Exception {
        CheckpointFile checkpoint = checkpoint(Path.of(args[0]));
        int pauseAt = Integer.parseInt(args[2]);
        new CheckpointAdapterTrainer(checkpoint).train(Path.of(args[1]), examples(), OPTIONS, (step, total, loss) -> {
            System.out.println("step " + step + " loss " + loss);
            System.out.flush();
            if (step == pauseAt) {
                try {
                    Thread.sleep(60_000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        });
    }
}
