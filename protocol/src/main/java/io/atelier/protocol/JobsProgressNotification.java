package io.atelier.protocol;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Notification {@code jobs.progress}, pushed on the WebSocket after each step.
 *
 * @param jobId the job
 * @param step steps done
 * @param totalSteps steps in all
 * @param preview a small, cheap preview; not every step
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record JobsProgressNotification(
        @JsonProperty(required = true) String jobId,
        int step,
        int totalSteps,
        ImageRef preview) {
}
