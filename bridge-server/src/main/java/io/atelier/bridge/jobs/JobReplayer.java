package io.atelier.bridge.jobs;

import io.atelier.bridge.rpc.Caller;

/**
 * Rebuilds the work of a job of one kind from its record's {@link JobRecord#replay()} params, after a restart: the job
 * then runs again from its start under the same id.
 */
@FunctionalInterface
public interface JobReplayer {
    /**
     * @param owner the submitting token as it stands now (no socket)
     * @throws io.atelier.bridge.rpc.AtelierException when the job can no longer run (its brand or input image is
     *     gone): the job is failed with this error
     */
    JobHandler replay(JobRecord record, Caller owner);
}
