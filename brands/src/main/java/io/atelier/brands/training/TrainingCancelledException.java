package io.atelier.brands.training;

/** Training stopped because its caller cancelled it; nothing was published. */
public final class TrainingCancelledException extends RuntimeException {
    public TrainingCancelledException() {
        super("adapter training was cancelled");
    }
}
