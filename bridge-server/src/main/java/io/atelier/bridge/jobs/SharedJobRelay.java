package io.atelier.bridge.jobs;

import io.atelier.protocol.JobsProgressNotification;
import io.atelier.protocol.Notifications;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A team bridge's side of jobs that workers run: it reads the {@link SharedJobQueue}'s rows of the jobs its sockets
 * wait on, every {@value #INTERVAL_MS} ms, and relays their progress ({@code jobs.progress}, steps only: previews stay
 * on the worker) and outcome; it cancels them in the queue.
 */
final class SharedJobRelay implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SharedJobRelay.class);
    private static final long INTERVAL_MS = 200;

    private final SharedJobQueue queue;
    private final Supplier<Collection<LiveJob>> watched;
    private final BiConsumer<LiveJob, JobRecord> finished;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "atelier-job-relay");
        thread.setDaemon(true);
        return thread;
    });

    /**
     * @param watched  the jobs this bridge relays (run elsewhere, some socket here waits on them)
     * @param finished told once when a watched job reached its final record
     */
    SharedJobRelay(SharedJobQueue queue, Supplier<Collection<LiveJob>> watched,
                   BiConsumer<LiveJob, JobRecord> finished) {
        this.queue = queue;
        this.watched = watched;
        this.finished = finished;
        timer.scheduleWithFixedDelay(this::relay, INTERVAL_MS, INTERVAL_MS, TimeUnit.MILLISECONDS);
    }

    /**
     * Cancels a job no worker has yet at once; asks the worker that has one to stop at its next lease renewal (the
     * relay then reports its outcome).
     */
    JobRecord cancel(LiveJob job, JobRecord cancelled) {
        if (queue.cancelQueued(cancelled)) {
            finished.accept(job, cancelled);
            return cancelled;
        }
        queue.requestCancel(job.jobId());
        return job.record;
    }

    private void relay() {
        try {
            List<LiveJob> jobs = List.copyOf(watched.get());
            if (jobs.isEmpty()) {
                return;
            }
            Map<String, JobRecord> current = queue.current(jobs.stream().map(LiveJob::jobId).toList());
            for (LiveJob job : jobs) {
                JobRecord now = current.get(job.jobId());
                if (now == null) {
                    continue;
                }
                if (now.status().isFinal()) {
                    finished.accept(job, now);
                    continue;
                }
                synchronized (job) {
                    JobRecord before = job.record;
                    if (now.progress().equals(before.progress()) && now.status() == before.status()) {
                        continue;
                    }
                    job.record = now;
                }
                if (now.progress().totalSteps() > 0) {
                    job.notifySinks(Notifications.JOBS_PROGRESS, new JobsProgressNotification(job.jobId(),
                            now.progress().step(), now.progress().totalSteps(), null, null));
                }
            }
        } catch (RuntimeException e) {
            LOG.warn("Cannot read the shared job queue; trying again", e);
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
