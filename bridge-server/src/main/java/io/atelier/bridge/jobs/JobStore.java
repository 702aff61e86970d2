package io.atelier.bridge.jobs;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Where job records are kept: {@link DatabaseJobStore} in the bridge (the same database as history, so accepted jobs
 * survive a crash), {@link InMemoryJobStore} for tests that need no disk. On start, records still queued or running
 * are what needs resuming.
 */
public interface JobStore {
    /** Saves the latest state of a job (insert or replace); durable once this returns. */
    void save(JobRecord record);

    Optional<JobRecord> find(String jobId);

    /** The job a token submitted with this idempotency key, if it is still kept. */
    Optional<JobRecord> findByClientRequest(String ownerTokenId, String clientRequestId);

    /** Records kept, newest first, at most {@code max}. */
    List<JobRecord> newestFirst(int max);

    /** Records still queued or running, oldest first: after a crash, the work to resume. */
    List<JobRecord> unfinished();

    /** Forgets finished records that finished before {@code cutoff}; returns how many. */
    int forgetFinishedBefore(Instant cutoff);
}
