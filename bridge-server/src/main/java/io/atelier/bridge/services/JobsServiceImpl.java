package io.atelier.bridge.services;

import io.atelier.bridge.jobs.JobManager;
import io.atelier.bridge.jobs.JobRecord;
import io.atelier.bridge.rpc.AtelierException;
import io.atelier.bridge.rpc.Caller;
import io.atelier.protocol.JobIdParams;
import io.atelier.protocol.JobInfo;
import io.atelier.protocol.JobStatusResult;
import io.atelier.protocol.JobsListParams;
import io.atelier.protocol.JobsListResult;
import io.atelier.protocol.service.JobsService;
import java.util.List;

/** {@code jobs.*} over the {@link JobManager} for one caller; every lookup is scoped to the caller's token. */
public final class JobsServiceImpl implements JobsService {
    private static final int DEFAULT_LIMIT = 50;
    private static final int MAX_LIMIT = 500;

    private final JobManager jobs;
    private final Caller caller;

    public JobsServiceImpl(JobManager jobs, Caller caller) {
        this.jobs = jobs;
        this.caller = caller;
    }

    @Override
    public JobInfo get(JobIdParams params) {
        return jobs.get(jobId(params), caller).toJobInfo();
    }

    @Override
    public JobStatusResult cancel(JobIdParams params) {
        JobRecord record = jobs.cancel(jobId(params), caller);
        return new JobStatusResult(record.jobId(), record.status());
    }

    @Override
    public JobsListResult list(JobsListParams params) {
        int limit = params.limit() == null ? DEFAULT_LIMIT : params.limit();
        if (limit < 1 || limit > MAX_LIMIT) {
            throw AtelierException.invalidParams("limit", "limit must be between 1 and " + MAX_LIMIT + ".");
        }
        List<JobInfo> infos = jobs.list(caller, params.status(), limit).stream()
                .map(JobRecord::toJobInfo).toList();
        return new JobsListResult(infos);
    }

    @Override
    public JobStatusResult subscribe(JobIdParams params) {
        JobRecord record = jobs.subscribe(jobId(params), caller);
        return new JobStatusResult(record.jobId(), record.status());
    }

    private static String jobId(JobIdParams params) {
        if (params.jobId() == null || params.jobId().isBlank()) {
            throw AtelierException.invalidParams("jobId", "jobId is required.");
        }
        return params.jobId();
    }
}
