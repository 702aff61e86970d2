package io.atelier.bridge.support;

import io.atelier.bridge.jobs.JobContext;
import io.atelier.bridge.jobs.JobHandler;
import io.atelier.bridge.jobs.JobManager;
import io.atelier.bridge.rpc.Caller;
import io.atelier.protocol.ImageRef;
import io.atelier.protocol.JobSubmitted;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/** Serves {@code test.count}: a job of N steps that reports progress and returns one tiny PNG. */
public final class CountingJobs implements TestJobsService {
    /** The highest step any counting job has started, so tests can check that a cancelled job stopped. */
    public static final AtomicInteger LAST_STEP_STARTED = new AtomicInteger();

    private final JobManager jobs;
    private final Caller caller;

    public CountingJobs(JobManager jobs, Caller caller) {
        this.jobs = jobs;
        this.caller = caller;
    }

    @Override
    public JobSubmitted count(CountParams params) {
        int steps = params.steps() == null ? 3 : params.steps();
        int stepMillis = params.stepMillis() == null ? 5 : params.stepMillis();
        int failAt = params.failAt() == null ? 0 : params.failAt();
        boolean previews = Boolean.TRUE.equals(params.previews());
        return new JobSubmitted(jobs.submit("test.count", caller, params.brand(),
                handler(steps, stepMillis, failAt, previews)));
    }

    public static JobHandler handler(int steps, int stepMillis, int failAt, boolean previews) {
        return (JobContext ctx) -> {
            for (int step = 1; step <= steps; step++) {
                ctx.throwIfCancelled();
                LAST_STEP_STARTED.set(step);
                if (step == failAt) {
                    throw new IllegalStateException("step " + step + " failed on purpose");
                }
                Thread.sleep(stepMillis);
                ctx.progress(step, steps, previews ? Pngs.solid(2 + step, 2) : null);
            }
            ImageRef result = ctx.images().put(Pngs.solid(4, 4), ctx.brand(), ctx.ownerTokenId());
            return List.of(result);
        };
    }
}
