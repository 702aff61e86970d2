package io.atelier.protocol;

import com.fasterxml.jackson.annotation.JsonInclude;

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
        String jobId,
        int step,
        int totalSteps,
        ImageRef preview) {
}
