package io.atelier.client;

import io.atelier.protocol.JobsFinishedNotification;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * The end of each job a socket heard of or waits for, whichever comes first. Bounded: on a long-lived socket the
 * oldest entries go, so a viewer that never waits does not grow without end.
 */
final class JobEndings {
    private final Map<String, CompletableFuture<JobsFinishedNotification>> endings;
    /** Set once the socket closed: a job not heard of by then will not be heard of at all. */
    private RuntimeException closedCause;

    JobEndings(int capacity) {
        this.endings = new LinkedHashMap<>(16, 0.75f, false) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, CompletableFuture<JobsFinishedNotification>> eldest) {
                return size() > capacity;
            }
        };
    }

    synchronized CompletableFuture<JobsFinishedNotification> of(String jobId) {
        return endings.computeIfAbsent(jobId, id -> {
            CompletableFuture<JobsFinishedNotification> ending = new CompletableFuture<>();
            if (closedCause != null) {
                ending.completeExceptionally(closedCause);
            }
            return ending;
        });
    }

    synchronized void forget(String jobId) {
        endings.remove(jobId);
    }

    synchronized void failAll(RuntimeException cause) {
        closedCause = cause;
        endings.values().forEach(ending -> ending.completeExceptionally(cause));
    }
}
