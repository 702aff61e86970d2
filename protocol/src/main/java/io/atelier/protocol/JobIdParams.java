package io.atelier.protocol;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Params naming one job: {@code jobs.get}, {@code jobs.cancel}, {@code jobs.subscribe}.
 *
 * @param jobId as returned at submit
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record JobIdParams(
        @JsonProperty(required = true) String jobId) {
}
