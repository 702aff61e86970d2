package io.atelier.protocol.service;

import io.atelier.protocol.ErrorCodes;
import io.atelier.protocol.JobIdParams;
import io.atelier.protocol.JobInfo;
import io.atelier.protocol.JobStatusResult;
import io.atelier.protocol.JobsListParams;
import io.atelier.protocol.JobsListResult;

/**
 * {@code jobs.*}: long work. A job is visible only to tokens that may see its brand; any other answers
 * {@link ErrorCodes#NOT_FOUND}, exactly as an unknown id does.
 */
@RpcService("jobs")
public interface JobsService {
    /** A job's whole state. */
    @RpcDescription("Returns a job's whole state.")
    @RpcErrors({ErrorCodes.NOT_FOUND})
    JobInfo get(JobIdParams params);

    /**
     * Asks a job to stop. A queued job is cancelled at once; a running one stops between two steps and publishes
     * nothing. Cancelling a finished job changes nothing and returns its final status.
     */
    @RpcDescription("Asks a job to stop; a running job stops between two steps and publishes nothing.")
    @RpcErrors({ErrorCodes.NOT_FOUND})
    JobStatusResult cancel(JobIdParams params);

    /** The caller's jobs, newest first. */
    @RpcDescription("Lists the caller's jobs, newest first.")
    JobsListResult list(JobsListParams params);

    /**
     * WebSocket only: pushes this job's {@code jobs.progress} and {@code jobs.finished} to this socket too.
     * The socket that submitted a job is subscribed already.
     */
    @RpcDescription("WebSocket only: pushes this job's progress and finished notifications to this socket too.")
    @RpcErrors({ErrorCodes.NOT_FOUND})
    JobStatusResult subscribe(JobIdParams params);
}
