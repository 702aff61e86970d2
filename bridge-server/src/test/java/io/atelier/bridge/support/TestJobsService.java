package io.atelier.bridge.support;

import io.atelier.protocol.JobSubmitted;
import io.atelier.protocol.service.RpcService;

/** A job kind that exists only in tests: it drives the job manager without any model. */
@RpcService("test")
public interface TestJobsService {
    JobSubmitted count(CountParams params);
}
