package io.atelier.protocol;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Where a job is. {@code succeeded}, {@code failed} and {@code cancelled} are final. */
public enum JobStatus {
    @JsonProperty("queued") QUEUED,
    @JsonProperty("running") RUNNING,
    @JsonProperty("succeeded") SUCCEEDED,
    @JsonProperty("failed") FAILED,
    @JsonProperty("cancelled") CANCELLED;

    /** True once the job will not change again. */
    public boolean isFinal() {
        return this == SUCCEEDED || this == FAILED || this == CANCELLED;
    }
}
