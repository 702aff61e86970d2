package io.atelier.protocol;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * How far a job is.
 *
 * @param step steps done
 * @param totalSteps steps in all
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record JobProgress(
        int step,
        int totalSteps) {
}
