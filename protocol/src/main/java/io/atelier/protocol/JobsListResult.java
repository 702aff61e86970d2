package io.atelier.protocol;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * Result of {@code jobs.list}: the caller's jobs, newest first.
 *
 * @param jobs the jobs the token may see
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record JobsListResult(
        @JsonProperty(required = true) List<JobInfo> jobs) {
}
