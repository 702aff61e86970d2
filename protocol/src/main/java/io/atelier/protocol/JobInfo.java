package io.atelier.protocol;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * Result of {@code jobs.get}: a job's whole state.
 *
 * @param jobId the id
 * @param kind the submitting method, e.g. {@code images.generate}
 * @param status where it is
 * @param progress steps done
 * @param results results; empty until succeeded
 * @param error why it failed; null unless failed or cancelled
 * @param createdAt ISO-8601 instant it was accepted
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record JobInfo(
        @JsonProperty(required = true) String jobId,
        @JsonProperty(required = true) String kind,
        @JsonProperty(required = true) JobStatus status,
        @JsonProperty(required = true) JobProgress progress,
        List<ImageRef> results,
        RpcError error,
        @JsonProperty(required = true) String createdAt) {
}
