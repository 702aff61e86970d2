package io.atelier.protocol;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * Params naming one job: {@code jobs.get}, {@code jobs.cancel}, {@code jobs.subscribe}.
 *
 * @param jobId as returned at submit
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record JobIdParams(
        String jobId) {
}
