package io.atelier.protocol;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * Notification {@code jobs.finished}, pushed once when a job ends, whatever the outcome.
 *
 * @param jobId the job
 * @param status succeeded, failed or cancelled
 * @param results the images
 * @param error why, unless succeeded
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record JobsFinishedNotification(
        @JsonProperty(required = true) String jobId,
        @JsonProperty(required = true) JobStatus status,
        List<ImageRef> results,
        RpcError error) {
}
