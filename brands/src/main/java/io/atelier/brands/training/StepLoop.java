package io.atelier.brands.training;

import ai.djl.ndarray.NDArray;
import io.atelier.micro.train.Checkpoint;
import io.atelier.micro.train.LossLog;
import java.nio.file.Path;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.DoubleSupplier;
import java.util.function.Supplier;

/**
 * The step loop both adapter trainers run (atelier-micro's and an SD-1.x checkpoint's): from the restored step to the
 * last, cancel checked before each step, every draw of a step from one random of the seed and the step number (so a
 * resumed run draws what an uninterrupted one did), the loss logged and reported, a checkpoint every
 * {@link AdapterTrainingOptions#checkpointEvery()} steps and after the last. What one step does is the trainer's.
 *
 * @param began {@link System#nanoTime()} when the training call started (the log's elapsed seconds count from it)
 */
record StepLoop(AdapterTrainingOptions options, String stage, Path checkpointDir, LossLog lossLog,
                TrainingListener listener, long began) {
    /** The final loss a trained adapter reports is the mean over this many last steps. */
    static final int RECENT_STEPS = 50;

    /** One optimiser step, its rows, captions and noise drawn from {@code random}; returns its loss. */
    interface Step {
        float run(SplittableRandom random);
    }

    /** Every draw of a step comes from this random, a function of the seed and the step number only. */
    static SplittableRandom stepRandom(AdapterTrainingOptions options, int step) {
        return new SplittableRandom(options.seed() * 1_000_003L + step);
    }

    /**
     * Runs steps {@code firstStep} to {@link AdapterTrainingOptions#steps()}.
     *
     * @param learningRate the optimiser's current rate, logged with each loss
     * @param state what a checkpoint saves (parameters and optimiser moments)
     * @return the mean loss of the last {@link #RECENT_STEPS} steps run by this call; NaN when none was
     * @throws TrainingCancelledException the listener asked to stop (the last checkpoint stays for a resume)
     */
    double run(int firstStep, DoubleSupplier learningRate, Supplier<Map<String, NDArray>> state, Step step) {
        double recent = 0;
        int recentCount = 0;
        for (int index = firstStep; index < options.steps(); index++) {
            if (listener.isCancelled()) {
                throw new TrainingCancelledException();
            }
            float loss = step.run(stepRandom(options, index));
            int done = index + 1;
            double elapsed = (System.nanoTime() - began) / 1e9;
            lossLog.append(stage, done, loss, (float) learningRate.getAsDouble(), elapsed);
            listener.onStep(done, options.steps(), loss);
            if (done > options.steps() - RECENT_STEPS) {
                recent += loss;
                recentCount++;
            }
            if (done == options.steps() || done % options.checkpointEvery() == 0) {
                Checkpoint.save(checkpointDir, new Checkpoint.Progress(stage, done, elapsed, Map.of()), state.get());
                listener.onCheckpoint(done);
            }
        }
        return recentCount == 0 ? Double.NaN : recent / recentCount;
    }
}
