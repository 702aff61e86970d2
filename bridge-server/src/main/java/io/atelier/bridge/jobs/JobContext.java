package io.atelier.bridge.jobs;

import io.atelier.bridge.images.ImageStore;

/** What a running job may know and do. */
public interface JobContext {
    String jobId();

    /** True once someone asked to cancel this job. */
    boolean isCancelled();

    /** Throws {@link JobCancelledException} if the job was cancelled; call it between steps. */
    void throwIfCancelled();

    /**
     * Reports that {@code step} of {@code totalSteps} are done; pushes {@code jobs.progress} to the job's sockets.
     *
     * @param previewPngOrNull a small PNG preview of the current state, or null (not every step needs one)
     */
    void progress(int step, int totalSteps, byte[] previewPngOrNull);

    /**
     * Progress of a training job: {@code jobs.progress} carries the step's {@code loss}. The default drops the loss,
     * so contexts that predate training keep working.
     */
    default void trainingProgress(int step, int totalSteps, double loss) {
        progress(step, totalSteps, null);
    }

    /** Where to store result and preview images. */
    ImageStore images();

    /** The brand the job runs for; null when brand-less. */
    String brand();

    /** Public id of the token that submitted the job: the owner of the brand-less images it stores. */
    String ownerTokenId();
}
