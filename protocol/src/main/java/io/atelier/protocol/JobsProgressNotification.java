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
 * @param loss the training loss at this step, for training jobs ({@code adapters.train}); absent otherwise
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record JobsProgressNotification(
        @JsonProperty(required = true) String jobId,
        int step,
        int totalSteps,
        ImageRef preview,
        Double loss) {

    /** Progress without a loss (every job but training). */
    public JobsProgressNotification(String jobId, int step, int totalSteps, ImageRef preview) {
        this(jobId, step, totalSteps, preview, null);
    }
}
