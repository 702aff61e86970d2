package io.atelier.protocol;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Result of {@code jobs.cancel} and {@code jobs.subscribe}: the job's status now.
 *
 * @param jobId the job
 * @param status its status after the call
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record JobStatusResult(
        @JsonProperty(required = true) String jobId,
        @JsonProperty(required = true) JobStatus status) {
}
