package io.atelier.brands.training;

/** What the trainer tells its caller, and asks it (a job reports progress and may be cancelled). */
public interface TrainingListener {
    /** After each step; {@code loss} is the step's (Min-SNR weighted) epsilon loss. */
    void onStep(int step, int totalSteps, float loss);

    /** After each checkpoint is on disk. */
    default void onCheckpoint(int step) {
    }

    /** Checked before each step; true stops training with {@link TrainingCancelledException}. */
    default boolean isCancelled() {
        return false;
    }
}
