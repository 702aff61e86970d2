package io.atelier.bridge.jobs;

/** Thrown by {@link JobContext#throwIfCancelled()} to unwind a cancelled job. */
public final class JobCancelledException extends RuntimeException {
    public JobCancelledException() {
        super("cancelled", null, false, false);
    }
}
