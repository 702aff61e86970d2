package io.atelier.bridge.jobs;

import io.atelier.bridge.rpc.NotificationSink;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.concurrent.Future;

/**
 * A job not finished yet: its record plus what only lives in memory. Status changes happen while holding this
 * object's monitor, so a cancel cannot slip between "queued" and "running", nor a subscribe past "finished".
 */
final class LiveJob {
    final JobHandler handler;
    final Set<NotificationSink> sinks = new CopyOnWriteArraySet<>();
    volatile boolean cancelRequested;
    /** Run by a worker of the team's shared queue, not here: this process relays what the queue's row says. */
    volatile boolean remote;
    volatile JobRecord record;
    /** Its progress previews in the image store: forgotten once the job is final (only its results stay). */
    final Set<String> previewIds = java.util.concurrent.ConcurrentHashMap.newKeySet();
    Future<?> future;

    LiveJob(JobRecord record, JobHandler handler, NotificationSink submitter) {
        this.record = record;
        this.handler = handler;
        if (submitter != null) {
            sinks.add(submitter);
        }
    }

    String jobId() {
        return record.jobId();
    }

    /** Sends to every open sink and forgets the closed ones. */
    void notifySinks(String method, Object params) {
        for (NotificationSink sink : sinks) {
            if (sink.isOpen()) {
                sink.notify(method, params);
            } else {
                sinks.remove(sink);
            }
        }
    }
}
