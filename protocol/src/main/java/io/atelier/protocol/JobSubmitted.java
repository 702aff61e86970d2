package io.atelier.protocol;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Result of every submitting method: the job id, returned at once.
 *
 * @param jobId use it with jobs.get / jobs.cancel; notifications carry it
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record JobSubmitted(
        @JsonProperty(required = true) String jobId) {
}
