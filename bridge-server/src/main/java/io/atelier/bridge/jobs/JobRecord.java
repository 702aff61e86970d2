package io.atelier.bridge.jobs;

import io.atelier.protocol.ImageRef;
import io.atelier.protocol.JobInfo;
import io.atelier.protocol.JobProgress;
import io.atelier.protocol.JobStatus;
import io.atelier.protocol.RpcError;
import java.time.Instant;
import java.util.List;

/**
 * A job's state as plain data: everything a {@link JobStore} keeps, nothing that only lives in memory (handlers,
 * sockets). A journal can write these as they change and read them back after a crash.
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
        Instant finishedAt) {

    public JobRecord {
        results = results == null ? List.of() : List.copyOf(results);
    }

    static JobRecord queued(String jobId, String kind, String ownerTokenId, String brand, Instant now) {
        return new JobRecord(jobId, kind, ownerTokenId, brand, JobStatus.QUEUED, new JobProgress(0, 0), List.of(),
                null, now, null);
    }

    JobRecord running() {
        return new JobRecord(jobId, kind, ownerTokenId, brand, JobStatus.RUNNING, progress, results, error, createdAt,
                null);
    }

    JobRecord withProgress(JobProgress newProgress) {
        return new JobRecord(jobId, kind, ownerTokenId, brand, status, newProgress, results, error, createdAt,
                finishedAt);
    }

    JobRecord finished(JobStatus finalStatus, List<ImageRef> finalResults, RpcError finalError, Instant now) {
        return new JobRecord(jobId, kind, ownerTokenId, brand, finalStatus, progress, finalResults, finalError,
                createdAt, now);
    }

    /** The wire view of this job. */
    public JobInfo toJobInfo() {
        return new JobInfo(jobId, kind, status, progress, results, error, createdAt.toString());
    }
}
