package io.atelier.brands.history;

import java.util.Locale;

/** Where the job a history record describes is in its life; stored and sent as its {@link #code()}. */
public enum HistoryStatus {
    /** accepted, not started */
    QUEUED,
    /** running (or interrupted by a crash, until the restart resumes or fails it) */
    RUNNING,
    /** finished with its images */
    SUCCEEDED,
    /** stopped by an error; no images */
    FAILED,
    /** cancelled by the client; no images */
    CANCELLED;

    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static HistoryStatus fromCode(String code) {
        return valueOf(code.toUpperCase(Locale.ROOT));
    }
}
