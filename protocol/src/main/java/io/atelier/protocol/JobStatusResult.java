package io.atelier.protocol;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * Result of {@code jobs.cancel} and {@code jobs.subscribe}: the job's status now.
 *
 * @param jobId the job
 * @param status its status after the call
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record JobStatusResult(
        String jobId,
        JobStatus status) {
}
