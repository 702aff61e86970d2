package io.atelier.bridge.jobs;

import io.atelier.protocol.ImageRef;
import io.atelier.protocol.JobInfo;
import io.atelier.protocol.JobProgress;
import io.atelier.protocol.JobStatus;
import io.atelier.protocol.RpcError;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A job's state as plain data: everything a {@link JobStore} keeps, nothing that only lives in memory (handlers,
 * sockets). The journal writes these as they change and reads them back after a crash.
 *
 * @param jobId the id
 * @param kind the submitting method, e.g. {@code images.generate}
 * @param ownerTokenId public id of the token that submitted it (limits and visibility)
 * @param brand the brand it runs for; null when brand-less
 * @param status where it is
 * @param progress steps done
 * @param results result images; empty until succeeded
 * @param error why it failed or was cancelled; null otherwise
 * @param createdAt when it was accepted
 * @param finishedAt when it reached a final status; null before
 * @param attempts how many times a worker started it (a crash during a run leaves it {@code running} with this count)
 * @param replay what its kind's {@link JobReplayer} needs to run it again after a restart; null when it cannot
 * @param clientRequestId the client's idempotency key; null when none was sent
 */
public record JobRecord(
        String jobId,
        String kind,
        String ownerTokenId,
        String brand,
        JobStatus status,
        JobProgress progress,
        List<ImageRef> results,
        RpcError error,
        Instant createdAt,
        Instant finishedAt,
        int attempts,
        Map<String, Object> replay,
        String clientRequestId) {

    public JobRecord {
        results = results == null ? List.of() : List.copyOf(results);
    }

    static JobRecord queued(String jobId, String kind, String ownerTokenId, String brand, Instant now,
                            Map<String, Object> replay, String clientRequestId) {
        return new JobRecord(jobId, kind, ownerTokenId, brand, JobStatus.QUEUED, new JobProgress(0, 0), List.of(),
                null, now, null, 0, replay, clientRequestId);
    }

    /** Started by a worker: one more attempt. */
    JobRecord running() {
        return new JobRecord(jobId, kind, ownerTokenId, brand, JobStatus.RUNNING, new JobProgress(0, 0), results,
                error, createdAt, null, attempts + 1, replay, clientRequestId);
    }

    /** Back in the queue after a restart, its progress reset (it runs again from its start). */
    JobRecord requeued() {
        return new JobRecord(jobId, kind, ownerTokenId, brand, JobStatus.QUEUED, new JobProgress(0, 0), List.of(),
                null, createdAt, null, attempts, replay, clientRequestId);
    }

    JobRecord withProgress(JobProgress newProgress) {
        return new JobRecord(jobId, kind, ownerTokenId, brand, status, newProgress, results, error, createdAt,
                finishedAt, attempts, replay, clientRequestId);
    }

    JobRecord finished(JobStatus finalStatus, List<ImageRef> finalResults, RpcError finalError, Instant now) {
        return new JobRecord(jobId, kind, ownerTokenId, brand, finalStatus, progress, finalResults, finalError,
                createdAt, now, attempts, replay, clientRequestId);
    }

    /** The wire view of this job. */
    public JobInfo toJobInfo() {
        return new JobInfo(jobId, kind, status, progress, results, error, createdAt.toString());
    }
}
