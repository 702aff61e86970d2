package io.atelier.client;

import com.fasterxml.jackson.databind.JsonNode;
import io.atelier.protocol.JobsFinishedNotification;
import io.atelier.protocol.JobsProgressNotification;

/**
 * Receives what the bridge pushes on an {@link AtelierSocket}. Called on one thread per socket, in arrival order, never
 * on the network thread: a listener may call the bridge from here. Override what you need.
 */
public interface NotificationListener {
    /** {@code jobs.progress}: a job of this socket (submitted or subscribed) made a step. */
    default void onProgress(JobsProgressNotification progress) {
    }

    /** {@code jobs.finished}: a job of this socket ended, whatever the outcome. */
    default void onFinished(JobsFinishedNotification finished) {
    }

    /** A notification this client version does not know, for forward compatibility. */
    default void onOtherNotification(String method, JsonNode params) {
    }

    /**
     * The socket is closed, by either side or by a network failure (code 1006), and will not be reopened. Called once.
     */
    default void onClosed(int code, String reason) {
    }

    /** A listener that ignores everything. */
    NotificationListener NONE = new NotificationListener() {
    };
}
