package io.atelier.bridge.jobs;

import java.util.List;
import java.util.Optional;

/**
 * Where job records are kept. In memory today; an on-disk journal implementing this same interface will let accepted
 * jobs survive a crash (on start, records still queued or running are what needs resuming).
 */
public interface JobStore {
    /** Saves the latest state of a job (insert or replace). */
    void save(JobRecord record);

    Optional<JobRecord> find(String jobId);

    /** Every record kept, newest first. */
    List<JobRecord> newestFirst();
}
