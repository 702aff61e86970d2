package io.atelier.tools.bench;

import io.atelier.brands.training.AdapterTrainingOptions;
import io.atelier.brands.training.CheckpointAdapterTrainer;
import io.atelier.brands.training.TrainingExample;
import io.atelier.bridge.ProcessMemory;
import io.atelier.engine.model.CheckpointFile;
import io.atelier.engine.model.CheckpointManifests;
import io.atelier.engine.model.ModelRegistry;
import io.atelier.micro.flats.FlatsGenerator;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * SD-1.x brand-adapter training on this machine: for each resolution, a fresh run of the real trainer
 * ({@link CheckpointAdapterTrainer}: attention LoRA, DJL autograd, Adam) on two flats, timing every step; prints the
 * seconds of the start (weights, VAE encoding, text states, first step) and the median seconds of the steps after it,
 * with the peak RSS. No prior preservation rows (a teacher row adds a forward without gradient).
 */
public final class AdapterTrainingBench {
    private AdapterTrainingBench() {
    }

    public static void run(Path checkpointFile, int[] sizes, int steps, int rank, int batch, PrintStream out)
            throws IOException {
        Path home = Files.createTempDirectory("atelier-bench-adapter");
        Path models = Files.createDirectories(home.resolve("models"));
        Files.createSymbolicLink(models.resolve(checkpointFile.getFileName()), checkpointFile.toAbsolutePath());
        String id = CheckpointManifests.idFor(checkpointFile.getFileName().toString());
        ModelRegistry registry = new ModelRegistry(home, home.resolve("cache"));
        if (registry.manifest(id).isEmpty()) {
            out.println("not loadable: " + registry.problems());
            return;
        }
        CheckpointFile checkpoint = (CheckpointFile) registry.source(id);
        List<TrainingExample> examples = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            examples.add(new TrainingExample(FlatsGenerator.sample(10 + i, 512).image(), "brand_0 robe verte"));
        }
        out.printf(Locale.ROOT, "%s: attention LoRA rank %d, batch %d, %d steps per size, %d threads%n",
                checkpointFile.getFileName(), rank, batch, steps, Runtime.getRuntime().availableProcessors());
        for (int size : sizes) {
            AdapterTrainingOptions options = AdapterTrainingOptions.defaults().withSteps(steps).withBatch(batch)
                    .withRank(rank).withCheckpointEvery(steps).withRegularisation(0, 0).withResolution(size);
            ProcessMemory.resetPeak();
            long[] at = new long[steps + 1];
            at[0] = System.nanoTime();
            new CheckpointAdapterTrainer(checkpoint).train(home.resolve("work-" + size), examples, options,
                    (step, total, loss) -> at[step] = System.nanoTime());
            double first = (at[1] - at[0]) / 1e9;
            double[] each = new double[steps - 1];
            for (int s = 2; s <= steps; s++) {
                each[s - 2] = (at[s] - at[s - 1]) / 1e9;
            }
            Arrays.sort(each);
            double median = each.length == 0 ? Double.NaN : each[each.length / 2];
            out.printf(Locale.ROOT, "%d px: start + first step %.1f s; training step median %.2f s (min %.2f, max"
                            + " %.2f, %d steps); peak RSS %.2f GB%n", size, first, median,
                    each.length == 0 ? Double.NaN : each[0], each.length == 0 ? Double.NaN : each[each.length - 1],
                    each.length, ProcessMemory.gb("VmHWM"));
        }
    }
}
