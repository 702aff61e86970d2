package io.atelier.bridge.jobs;

import io.atelier.protocol.ImageRef;
import java.util.List;

/**
 * The work of one job. Runs on a worker thread; reports progress through the context, calls
 * {@link JobContext#throwIfCancelled()} between steps, stores its images with {@link JobContext#images()} and returns
 * their references.
 *
 * <p>Exceptions: {@link JobCancelledException} ends the job as cancelled; an
 * {@link io.atelier.bridge.rpc.AtelierException} fails it with its own code; anything else (out of memory included)
 * fails it as a model failure ({@code -32010}) and the bridge carries on.
 */
@FunctionalInterface
public interface JobHandler {
    List<ImageRef> run(JobContext ctx) throws Exception;
}
