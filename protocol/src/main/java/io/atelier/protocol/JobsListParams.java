package io.atelier.protocol;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * Params of {@code jobs.list}.
 *
 * @param status only jobs in this status; null for all
 * @param limit at most this many, newest first (default 50, max 500)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record JobsListParams(
        JobStatus status,
        Integer limit) {
}
