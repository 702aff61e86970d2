package io.atelier.client;

import io.atelier.protocol.JobsFinishedNotification;
import io.atelier.protocol.JobsProgressNotification;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;

/** Keeps what a socket told its listener, in order, with the thread it was told on. */
class RecordingListener implements NotificationListener {
    final BlockingQueue<Object> events = new LinkedBlockingQueue<>();
    final BlockingQueue<String> threads = new LinkedBlockingQueue<>();

    record Closed(int code, String reason) {
    }

    @Override
    public void onProgress(JobsProgressNotification progress) {
        threads.add(Thread.currentThread().getName());
        events.add(progress);
    }

    @Override
    public void onFinished(JobsFinishedNotification finished) {
        threads.add(Thread.currentThread().getName());
        events.add(finished);
    }

    @Override
    public void onClosed(int code, String reason) {
        events.add(new Closed(code, reason));
    }
}
