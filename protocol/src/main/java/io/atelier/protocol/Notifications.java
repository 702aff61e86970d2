package io.atelier.protocol;

/** Method names of the notifications the bridge pushes on the WebSocket. */
public final class Notifications {
    /** Params: {@link JobsProgressNotification}. */
    public static final String JOBS_PROGRESS = "jobs.progress";
    /** Params: {@link JobsFinishedNotification}. */
    public static final String JOBS_FINISHED = "jobs.finished";

    private Notifications() {
    }
}
