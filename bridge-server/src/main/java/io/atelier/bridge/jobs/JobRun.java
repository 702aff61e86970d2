package io.atelier.bridge.jobs;

import io.atelier.bridge.rpc.AtelierException;
import io.atelier.protocol.ErrorCodes;
import io.atelier.protocol.ErrorData;
import io.atelier.protocol.ImageRef;
import io.atelier.protocol.JobStatus;
import io.atelier.protocol.RpcError;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One run of a handler and what it came to: the one place that maps how a handler ends (returns, is cancelled,
 * throws) to a final status, for the bridge's own workers and for a team's queue workers alike.
 *
 * @param status succeeded, failed or cancelled
 * @param results the images, when succeeded
 * @param error why not, otherwise
 */
record JobRun(JobStatus status, List<ImageRef> results, RpcError error) {
    private static final Logger LOG = LoggerFactory.getLogger(JobRun.class);

    /** Runs {@code handler}; {@code cancelRequested} says whether a cancel arrived while it ran. */
    static JobRun of(JobHandler handler, JobContext context, String kind, BooleanSupplier cancelRequested) {
        try {
            List<ImageRef> returned = handler.run(context);
            if (cancelRequested.getAsBoolean()) {
                return cancelled();
            }
            return new JobRun(JobStatus.SUCCEEDED, returned == null ? List.of() : returned, null);
        } catch (JobCancelledException e) {
            return cancelled();
        } catch (AtelierException e) {
            return new JobRun(e.code() == ErrorCodes.CANCELLED ? JobStatus.CANCELLED : JobStatus.FAILED, List.of(),
                    e.toRpcError());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return cancelled();
        } catch (Throwable e) {
            // Out of memory included: the job fails, the process stays up.
            LOG.warn("Job {} ({}) failed", context.jobId(), kind, e);
            return new JobRun(JobStatus.FAILED, List.of(), new RpcError(ErrorCodes.MODEL_FAILURE, "Model failure",
                    new ErrorData("The model failed while running this job; the bridge logged the cause.", null)));
        }
    }

    static JobRun cancelled() {
        return new JobRun(JobStatus.CANCELLED, List.of(), cancelledError());
    }

    static RpcError cancelledError() {
        return new RpcError(ErrorCodes.CANCELLED, "Cancelled", new ErrorData("The job was cancelled.", null));
    }

    /** A job that is not run, with the reason kept in {@code error.data.reason}. */
    static RpcError notRun(String reason) {
        return new RpcError(ErrorCodes.MODEL_FAILURE, "Not resumed", new ErrorData(reason, null));
    }
}
