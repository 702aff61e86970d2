package io.atelier.bridge.jobs;

import io.atelier.bridge.images.ImageStore;
import io.atelier.bridge.rpc.AtelierException;
import io.atelier.bridge.rpc.Caller;
import io.atelier.protocol.ErrorCodes;
import io.atelier.protocol.ErrorData;
import io.atelier.protocol.ImageRef;
import io.atelier.protocol.JobProgress;
import io.atelier.protocol.JobStatus;
import io.atelier.protocol.JobsFinishedNotification;
import io.atelier.protocol.JobsProgressNotification;
import io.atelier.protocol.Notifications;
import io.atelier.protocol.RpcError;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs long work as jobs: {@link #submit} answers at once with an id, a worker runs the {@link JobHandler}, progress
 * and the outcome are pushed as {@code jobs.progress} / {@code jobs.finished} to the socket that submitted the job and
 * to sockets that subscribed to it. Statuses go queued → running → succeeded | failed | cancelled.
 *
 * <p>Limits: a token may have {@link JobLimits#maxActivePerToken()} jobs queued or running; beyond that, submit
 * answers busy. Cancel stops a queued job at once and a running one at its next step.
 *
 * <p>Durability: every status change is saved to the {@link JobStore} before it is told to anyone (the record of a
 * new job before its id is returned); progress lives in memory only. After a crash, {@link #resume} runs the jobs
 * left queued or running again from their start through their kind's {@link JobReplayer}, or fails them with a
 * reason. A client's {@code clientRequestId} maps to one job per token, so a retried submission gets the same id.
 */
public final class JobManager implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(JobManager.class);
    /** Records {@code jobs.list} looks through, newest first, before filtering by visibility and status. */
    private static final int MAX_LISTED = 5000;
    /**
     * The entry of a job's replay that names the model it needs: in a team, only workers that have that model claim
     * it.
     */
    public static final String REPLAY_MODEL = "model";

    private final JobStore store;
    private final ImageStore images;
    private final JobLimits limits;
    private final Clock clock;
    private final ExecutorService workers;
    private final Map<String, LiveJob> live = new ConcurrentHashMap<>();
    private final Map<String, JobReplayer> replayers = new ConcurrentHashMap<>();
    private final Map<String, String> notResumedReasons = new ConcurrentHashMap<>();
    private volatile SharedJobQueue shared;
    private SharedJobRelay relay;

    public JobManager(JobStore store, ImageStore images, JobLimits limits, Clock clock) {
        this.store = store;
        this.images = images;
        this.limits = limits;
        this.clock = clock;
        AtomicInteger threadNumber = new AtomicInteger();
        // The queue is unbounded here because submit() bounds what enters it, per token and in total.
        this.workers = new ThreadPoolExecutor(limits.workers(), limits.workers(), 0, TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(), runnable -> {
                    Thread thread = new Thread(runnable, "atelier-job-" + threadNumber.incrementAndGet());
                    thread.setDaemon(true);
                    return thread;
                });
    }

    /**
     * Accepts a job.
     *
     * @param kind the submitting method, e.g. {@code images.generate}
     * @param caller who submits it; their socket (if any) receives its notifications
     * @param brandOrNull the brand it runs for; must be within the caller's scope
     * @return the job id
     * @throws AtelierException busy ({@code -32006}) when the caller's queue is full; not found ({@code -32004}) when
     *     the brand is outside the caller's scope
     */
    public String submit(String kind, Caller caller, String brandOrNull, JobHandler handler) {
        return submit(kind, caller, brandOrNull, null, null, handler);
    }

    /**
     * As {@link #submit(String, Caller, String, JobHandler)}, for a job that can run again after a restart and may
     * carry the client's idempotency key.
     *
     * @param clientRequestIdOrNull when the caller's token already submitted a job with this key (and it is still
     *     kept), that job's id is returned and nothing new runs
     * @param replayOrNull what this kind's {@link JobReplayer} needs to run the job again; null: a restart fails it
     */
    public String submit(String kind, Caller caller, String brandOrNull, String clientRequestIdOrNull,
                         Map<String, Object> replayOrNull, JobHandler handler) {
        if (brandOrNull != null && !caller.scope().includes(brandOrNull)) {
            throw AtelierException.notFound("No brand named '" + brandOrNull + "'.");
        }
        LiveJob job;
        SharedJobQueue queue = shared;
        boolean remote = queue != null && replayOrNull != null && replayers.containsKey(kind);
        synchronized (this) {
            Optional<String> earlier = submittedAs(caller, clientRequestIdOrNull);
            if (earlier.isPresent()) {
                return earlier.get();
            }
            // In a team the token's jobs on every bridge count.
            long mine = remote ? queue.unfinishedOf(caller.tokenId())
                    : live.values().stream().filter(j -> j.record.ownerTokenId().equals(caller.tokenId())).count();
            if (mine >= limits.maxActivePerToken()) {
                throw AtelierException.busy("You already have " + mine
                        + " jobs queued or running; wait for one to finish or cancel one.");
            }
            if (live.size() >= limits.maxActiveTotal()) {
                throw AtelierException.busy("The bridge has " + live.size() + " jobs waiting; try again shortly.");
            }
            String jobId = "job_" + UUID.randomUUID().toString().replace("-", "");
            JobRecord record = JobRecord.queued(jobId, kind, caller.tokenId(), brandOrNull, clock.instant(),
                    replayOrNull, clientRequestIdOrNull);
            job = new LiveJob(record, handler, caller.sink());
            if (remote) {
                job.remote = true;
                queue.enqueue(record, replayOrNull.get(REPLAY_MODEL) instanceof String model ? model : null);
            } else {
                store.save(record);
            }
            live.put(jobId, job);
        }
        if (!remote) {
            enqueue(job);
        }
        return job.jobId();
    }

    /**
     * The id of the job the caller's token submitted with this idempotency key, if any is kept: a service checks it
     * before any costly validation, and {@link #submit} again under its lock.
     */
    public Optional<String> submittedAs(Caller caller, String clientRequestIdOrNull) {
        if (clientRequestIdOrNull == null) {
            return Optional.empty();
        }
        return store.findByClientRequest(caller.tokenId(), clientRequestIdOrNull).map(JobRecord::jobId);
    }

    /**
     * Makes this manager one bridge of a team: jobs whose kind can be rebuilt from their record ({@link JobReplayer})
     * go to the shared queue, for whichever worker claims them, and their progress and outcome are relayed from the
     * queue to the sockets that wait on them here. Other kinds still run in this process.
     */
    public synchronized void shareQueue(SharedJobQueue queue) {
        this.shared = queue;
        this.relay = new SharedJobRelay(queue, () -> live.values().stream().filter(j -> j.remote).toList(),
                this::publishFinal);
    }

    /** A job reached its final state elsewhere (a worker, a cancel in the queue): forget it here and tell its sockets. */
    private void publishFinal(LiveJob job, JobRecord finalRecord) {
        synchronized (job) {
            if (job.record.status().isFinal()) {
                return; // told already (a cancel and the relay can both see the end)
            }
            job.record = finalRecord;
            synchronized (this) {
                live.remove(job.jobId());
            }
            job.notifySinks(Notifications.JOBS_FINISHED, finishedNotification(finalRecord));
        }
    }

    /** The job kinds a queue worker can rebuild from their records. */
    public java.util.Set<String> replayableKinds() {
        return java.util.Set.copyOf(replayers.keySet());
    }

    /** How a kind's jobs are rebuilt from their record; null when they cannot be. */
    JobReplayer replayerFor(String kind) {
        return replayers.get(kind);
    }

    /** How a kind's jobs are rebuilt after a restart; register before {@link #resume}. */
    public void registerReplayer(String kind, JobReplayer replayer) {
        replayers.put(kind, replayer);
    }

    /**
     * What a job of {@code kind} left unfinished by a restart says instead of the generic "submit it again", for a
     * kind that carries on its own way (adapter training continues from its checkpoint as a new job).
     */
    public void explainNotResumed(String kind, String reason) {
        notResumedReasons.put(kind, reason);
    }

    /**
     * After a start on an existing home: jobs left queued or running run again from their start, unless they cannot
     * (no replayer for their kind, their token gone, their inputs gone, or the bridge died during
     * {@link JobLimits#maxAttempts()} runs of it: likely the job itself kills the engine), in which case they are
     * failed with the reason. Also forgets finished jobs past the retention period.
     *
     * @param owners the scope of a token by its public id; empty when the token no longer exists
     * @return the jobs resumed, and how many could not be
     */
    public Resumed resume(Function<String, Optional<io.atelier.bridge.security.TokenScope>> owners) {
        forgetExpired();
        if (shared != null) {
            // In a team, unfinished jobs belong to the queue: a worker claims them again once their lease runs out.
            return new Resumed(List.of(), 0);
        }
        List<String> resumed = new ArrayList<>();
        int notResumed = 0;
        for (JobRecord record : store.unfinished()) {
            String reason = null;
            JobHandler handler = null;
            JobReplayer replayer = replayers.get(record.kind());
            var scope = owners.apply(record.ownerTokenId());
            if (record.status() == JobStatus.RUNNING && record.attempts() >= limits.maxAttempts()) {
                reason = "The bridge stopped " + record.attempts() + " times while running this job (a crash in the"
                        + " engine?); it is not run again.";
            } else if (record.replay() == null || replayer == null) {
                reason = notResumedReasons.getOrDefault(record.kind(), "The bridge restarted before this job "
                        + "finished, and this kind of job (" + record.kind() + ") cannot be resumed: submit it again.");
            } else if (scope.isEmpty()) {
                reason = "The bridge restarted before this job finished, and the token that submitted it no longer "
                        + "exists.";
            } else {
                try {
                    handler = replayer.replay(record, new Caller(record.ownerTokenId(), scope.get(), null));
                } catch (AtelierException e) {
                    reason = "The bridge restarted before this job finished, and it can no longer run: "
                            + e.getMessage();
                }
            }
            if (handler == null) {
                JobRecord failed = record.finished(JobStatus.FAILED, List.of(), new RpcError(ErrorCodes.MODEL_FAILURE,
                        "Not resumed", new ErrorData(reason, null)), clock.instant());
                store.save(failed);
                notResumed++;
                LOG.info("Job {} ({}) not resumed: {}", record.jobId(), record.kind(), reason);
                continue;
            }
            LiveJob job = new LiveJob(record.requeued(), handler, null);
            synchronized (this) {
                store.save(job.record);
                live.put(job.jobId(), job);
            }
            enqueue(job);
            resumed.add(job.jobId());
        }
        return new Resumed(List.copyOf(resumed), notResumed);
    }

    /**
     * What {@link #resume} did.
     *
     * @param jobIds jobs queued again
     * @param failed jobs failed with the reason they could not resume
     */
    public record Resumed(List<String> jobIds, int failed) {
    }

    /** Forgets finished jobs past the retention period; returns how many. */
    public int forgetExpired() {
        return store.forgetFinishedBefore(clock.instant().minus(limits.retention()));
    }

    private void enqueue(LiveJob job) {
        synchronized (job) {
            job.future = workers.submit(() -> run(job));
        }
    }

    /** A job's state, or not found when absent or invisible to the caller. */
    public JobRecord get(String jobId, Caller caller) {
        LiveJob job = live.get(jobId);
        Optional<JobRecord> found = job != null ? Optional.of(job.record) : store.find(jobId);
        return found.filter(record -> JobVisibility.canSee(caller, record))
                .orElseThrow(() -> AtelierException.notFound("No job with this id."));
    }

    /** The caller's visible jobs, newest first, optionally only those in {@code statusOrNull}. */
    public List<JobRecord> list(Caller caller, JobStatus statusOrNull, int limit) {
        List<JobRecord> out = new ArrayList<>();
        for (JobRecord stored : store.newestFirst(MAX_LISTED)) {
            if (out.size() >= limit) {
                break;
            }
            LiveJob job = live.get(stored.jobId());
            JobRecord record = job != null ? job.record : stored;
            if (JobVisibility.canSee(caller, record) && (statusOrNull == null || record.status() == statusOrNull)) {
                out.add(record);
            }
        }
        return out;
    }

    /** Cancels a queued job at once, or asks a running one to stop at its next step; returns the state after. */
    public JobRecord cancel(String jobId, Caller caller) {
        JobRecord visible = get(jobId, caller);
        LiveJob job = live.get(jobId);
        if (job == null) {
            return visible;
        }
        if (job.remote) {
            return relay.cancel(job, job.record.finished(JobStatus.CANCELLED, List.of(), cancelledError(),
                    clock.instant()));
        }
        synchronized (job) {
            job.cancelRequested = true;
            if (job.record.status() == JobStatus.QUEUED) {
                if (job.future != null) {
                    job.future.cancel(false);
                }
                finish(job, JobStatus.CANCELLED, List.of(), cancelledError());
            }
            return job.record;
        }
    }

    /** Adds the caller's socket to the job's listeners; a finished job sends its {@code jobs.finished} right away. */
    public JobRecord subscribe(String jobId, Caller caller) {
        JobRecord visible = get(jobId, caller);
        if (caller.sink() == null) {
            throw AtelierException.invalidRequest("jobs.subscribe needs the WebSocket: HTTP cannot carry notifications.");
        }
        LiveJob job = live.get(jobId);
        if (job != null) {
            synchronized (job) {
                if (!job.record.status().isFinal()) {
                    job.sinks.add(caller.sink());
                    return job.record;
                }
                visible = job.record;
            }
        }
        JobRecord done = store.find(jobId).orElse(visible);
        if (shared != null && !done.status().isFinal()) {
            // Submitted through another bridge of the team: relay it from the queue here too.
            LiveJob watched = new LiveJob(done, null, caller.sink());
            watched.remote = true;
            LiveJob already = live.putIfAbsent(jobId, watched);
            if (already != null) {
                already.sinks.add(caller.sink());
            }
            return done;
        }
        caller.sink().notify(Notifications.JOBS_FINISHED, finishedNotification(done));
        return done;
    }

    private void run(LiveJob job) {
        // Step 1: claim the job, unless it was cancelled while it waited.
        synchronized (job) {
            if (job.record.status() != JobStatus.QUEUED) {
                return;
            }
            JobRecord running = job.record.running();
            store.save(running);
            job.record = running;
        }
        // Step 2: run the handler outside any lock; cancel only raises a flag it checks between steps.
        JobRun outcome = JobRun.of(job.handler, new RunningJobContext(job), job.record.kind(),
                () -> job.cancelRequested);
        // Step 3: publish the outcome.
        synchronized (job) {
            finish(job, outcome.status(), outcome.results(), outcome.error());
        }
    }

    /** Called holding the job's monitor. */
    private void finish(LiveJob job, JobStatus status, List<ImageRef> results, RpcError error) {
        if (job.record.status().isFinal()) {
            return;
        }
        // Saved before it is visible: a caller who sees the job final finds it final after a restart too.
        JobRecord finished = job.record.finished(status, results, error, clock.instant());
        store.save(finished);
        job.record = finished;
        synchronized (this) {
            live.remove(job.jobId());
        }
        // Previews go before the news: a client told the job ended finds only its results.
        forgetPreviews(job);
        job.notifySinks(Notifications.JOBS_FINISHED, finishedNotification(job.record));
    }

    /** A finished job's previews are of no more use: its results are what clients fetch now. */
    private void forgetPreviews(LiveJob job) {
        java.util.Set<String> kept = new java.util.HashSet<>();
        job.record.results().forEach(ref -> kept.add(ref.id()));
        for (String id : job.previewIds) {
            if (!kept.contains(id)) {
                try {
                    images.forget(id);
                } catch (RuntimeException e) {
                    LOG.warn("Job {}: preview {} not deleted ({})", job.jobId(), id, e.getMessage());
                }
            }
        }
        job.previewIds.clear();
    }

    private static JobsFinishedNotification finishedNotification(JobRecord record) {
        return new JobsFinishedNotification(record.jobId(), record.status(), record.results(), record.error());
    }

    private static RpcError cancelledError() {
        return JobRun.cancelledError();
    }

    /** Stops the workers; a running job is interrupted. */
    @Override
    public void close() {
        if (relay != null) {
            relay.close();
        }
        workers.shutdownNow();
        try {
            workers.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private final class RunningJobContext implements JobContext {
        private final LiveJob job;

        RunningJobContext(LiveJob job) {
            this.job = job;
        }

        @Override
        public String jobId() {
            return job.jobId();
        }

        @Override
        public boolean isCancelled() {
            return job.cancelRequested;
        }

        @Override
        public void throwIfCancelled() {
            if (job.cancelRequested) {
                throw new JobCancelledException();
            }
        }

        @Override
        public void progress(int step, int totalSteps, byte[] previewPngOrNull) {
            report(step, totalSteps, previewPngOrNull, null);
        }

        @Override
        public void trainingProgress(int step, int totalSteps, double loss) {
            report(step, totalSteps, null, loss);
        }

        private void report(int step, int totalSteps, byte[] previewPngOrNull, Double loss) {
            ImageRef preview = previewPngOrNull == null ? null : images.put(previewPngOrNull, job.record.brand(),
                    job.record.ownerTokenId());
            synchronized (job) {
                if (job.record.status() != JobStatus.RUNNING) {
                    if (preview != null) {
                        images.forget(preview.id()); // a late step after the end: nobody is told of it
                    }
                    return;
                }
                if (preview != null) {
                    job.previewIds.add(preview.id());
                }
                // In memory only: a resumed job starts again from step 0 anyway.
                job.record = job.record.withProgress(new JobProgress(step, totalSteps));
            }
            job.notifySinks(Notifications.JOBS_PROGRESS, new JobsProgressNotification(job.jobId(), step, totalSteps, preview, loss));
        }

        @Override
        public ImageStore images() {
            return images;
        }

        @Override
        public String brand() {
            return job.record.brand();
        }

        @Override
        public String ownerTokenId() {
            return job.record.ownerTokenId();
        }
    }
}
