package io.atelier.protocol.service;

import io.atelier.protocol.JobsFinishedNotification;
import io.atelier.protocol.JobsProgressNotification;

/**
 * {@code jobs.*} notifications, pushed on the WebSocket that submitted a job or subscribed to it
 * ({@code jobs.subscribe}); never sent over HTTP.
 */
@RpcNotifications("jobs")
public interface JobsNotifications {
    /** After each step of a running job. */
    @RpcDescription("Pushed after each step of a running job, sometimes with a small preview image.")
    void progress(JobsProgressNotification params);

    /** Once when a job ends, whatever the outcome. */
    @RpcDescription("Pushed once when a job ends: succeeded with its results, failed or cancelled with the error.")
    void finished(JobsFinishedNotification params);
}
