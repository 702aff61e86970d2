package io.atelier.bridge.jobs;

import io.atelier.bridge.images.ImageStore;
import io.atelier.bridge.rpc.AtelierException;
import io.atelier.bridge.rpc.Caller;
import io.atelier.bridge.security.TokenScope;
import io.atelier.protocol.ImageRef;
import io.atelier.protocol.JobProgress;
import io.atelier.protocol.JobStatus;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A team worker's side of the {@link SharedJobQueue}: {@code slots} loops each claim a job, rebuild its handler from
 * the record through the kind's {@link JobReplayer} (as a restart does), run it while a timer renews the lease, and
 * record the outcome. A job whose earlier workers died {@link JobLimits#maxAttempts()} times is failed with that
 * reason instead of run again: likely the job itself kills the worker.
 */
public final class QueueWorker implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(QueueWorker.class);
    /** How long an idle loop waits before asking the queue again. */
    private static final long IDLE_POLL_MS = 100;

    private final SharedJobQueue queue;
    private final JobManager jobs;
    private final ImageStore images;
    private final Function<String, Optional<TokenScope>> owners;
    private final String workerId;
    private final Set<String> models;
    private final java.util.function.Supplier<Set<String>> warm;
    private final int maxAttempts;
    private final Duration lease;
    private final Clock clock;
    private final java.util.function.Consumer<JobRecord> givenUp;
    private final ExecutorService loops;
    private final ScheduledExecutorService renewals;
    private final AtomicLong finished = new AtomicLong();
    private volatile boolean running = true;

    /**
     * @param workerId this worker's name in the queue's leases (unique per process)
     * @param models   the models it claims jobs for; empty: any
     * @param slots    jobs it runs at once (the engine batches concurrent compatible generations)
     * @param lease    how long a claim lasts without renewal: a dead worker's jobs wait this long to be claimed again
     * @param givenUp  told of a job failed without running (its workers died too often, its token or inputs are
     *                 gone), so that what its earlier runs left (a history record saying running) can say failed
     */
    public QueueWorker(SharedJobQueue queue, JobManager jobs, ImageStore images,
                       Function<String, Optional<TokenScope>> owners, String workerId, Set<String> models, int slots,
                       int maxAttempts, Duration lease, Clock clock, java.util.function.Consumer<JobRecord> givenUp) {
        this(queue, jobs, images, owners, workerId, models, Set::of, slots, maxAttempts, lease, clock, givenUp);
    }

    /** @param warm the models this worker has loaded now: among jobs as fair as each other, theirs are taken first */
    public QueueWorker(SharedJobQueue queue, JobManager jobs, ImageStore images,
                       Function<String, Optional<TokenScope>> owners, String workerId, Set<String> models,
                       java.util.function.Supplier<Set<String>> warm, int slots, int maxAttempts, Duration lease,
                       Clock clock, java.util.function.Consumer<JobRecord> givenUp) {
        this.warm = warm;
        this.queue = queue;
        this.jobs = jobs;
        this.images = images;
        this.owners = owners;
        this.workerId = workerId;
        this.models = Set.copyOf(models);
        this.maxAttempts = maxAttempts;
        this.lease = lease;
        this.clock = clock;
        this.givenUp = givenUp;
        AtomicInteger number = new AtomicInteger();
        this.loops = Executors.newFixedThreadPool(slots, runnable -> daemon(runnable,
                "atelier-queue-worker-" + number.incrementAndGet()));
        this.renewals = Executors.newSingleThreadScheduledExecutor(runnable -> daemon(runnable, "atelier-lease"));
        for (int i = 0; i < slots; i++) {
            loops.submit(this::loop);
        }
    }

    /**
     * Tells the team about this worker every {@code every} from now on (models, memory, CPU), where any bridge's
     * {@code /metrics} reads it. A failed beat is logged and the next one tried.
     */
    public void startHeartbeats(WorkerHeartbeats heartbeats, Duration every) {
        String modelList = String.join(",", new java.util.TreeSet<>(models));
        int gpus = gpuCount(); // asked once: without CUDA, DJL logs a warning each time
        renewals.scheduleWithFixedDelay(() -> {
            try {
                heartbeats.beat(new WorkerHeartbeats.Heartbeat(workerId, modelList, clock.millis(),
                        io.atelier.bridge.ProcessMemory.residentBytes(), heapUsedBytes(), processCpuLoad(),
                        gpuUsedBytes(gpus)));
            } catch (RuntimeException e) {
                LOG.warn("Worker {}: heartbeat not written ({}); trying again", workerId, e.getMessage());
            }
        }, 0, every.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
    }

    private static int gpuCount() {
        try {
            return ai.djl.util.cuda.CudaUtils.hasCuda() ? ai.djl.util.cuda.CudaUtils.getGpuCount() : 0;
        } catch (RuntimeException | LinkageError e) {
            return 0;
        }
    }

    /**
     * GPU memory in use on every GPU, as CUDA reports it (DJL's {@code CudaUtils}); null without one. Not exercised
     * here: this machine has no GPU, so the reading is untested beyond its null case.
     */
    private static Long gpuUsedBytes(int gpus) {
        if (gpus == 0) {
            return null;
        }
        long used = 0;
        for (int i = 0; i < gpus; i++) {
            used += ai.djl.util.cuda.CudaUtils.getGpuMemory(ai.djl.Device.gpu(i)).getUsed();
        }
        return used;
    }

    private static long heapUsedBytes() {
        return java.lang.management.ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    private static double processCpuLoad() {
        return java.lang.management.ManagementFactory.getOperatingSystemMXBean()
                instanceof com.sun.management.OperatingSystemMXBean os ? os.getProcessCpuLoad() : -1;
    }

    /** Jobs this worker ran to an outcome it recorded (metrics). */
    public long finishedCount() {
        return finished.get();
    }

    public String workerId() {
        return workerId;
    }

    private void loop() {
        while (running && !Thread.currentThread().isInterrupted()) {
            try {
                Optional<JobRecord> claimed = queue.claim(workerId, jobs.replayableKinds(), models, warm.get(), lease);
                if (claimed.isPresent()) {
                    run(claimed.get());
                } else {
                    Thread.sleep(IDLE_POLL_MS);
                }
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                LOG.warn("Queue worker {}: cannot claim a job; trying again", workerId, e);
                sleepQuietly(1000);
            }
        }
    }

    private void run(JobRecord record) {
        // Step 1: a job its earlier workers died running too often is failed, with why.
        int earlierRuns = record.attempts() - 1;
        if (earlierRuns >= maxAttempts) {
            giveUp(record, "Workers stopped " + earlierRuns
                    + " times while running this job (a crash in the engine?); it is not run again.");
            return;
        }
        // Step 2: rebuild its handler from the record, as its owner.
        JobHandler handler;
        try {
            Optional<TokenScope> scope = owners.apply(record.ownerTokenId());
            if (scope.isEmpty()) {
                giveUp(record, "The token that submitted this job no longer exists.");
                return;
            }
            handler = jobs.replayerFor(record.kind()).replay(record, new Caller(record.ownerTokenId(), scope.get(),
                    null));
        } catch (AtelierException e) {
            giveUp(record, "This job can no longer run: " + e.getMessage());
            return;
        }
        // Step 3: run it while the lease is renewed; a cancel or a lost lease stops it at its next step.
        WorkerContext context = new WorkerContext(record);
        long every = Math.max(100, lease.toMillis() / 3);
        ScheduledFuture<?> renewal = renewals.scheduleWithFixedDelay(context::renew, every, every,
                TimeUnit.MILLISECONDS);
        JobRun outcome;
        try {
            outcome = JobRun.of(handler, context, record.kind(), () -> context.stop);
        } finally {
            renewal.cancel(false);
        }
        if (context.lost) {
            LOG.info("Job {}: lease lost while running; its new holder records the outcome", record.jobId());
            return;
        }
        // Step 4: the outcome, if the lease is still ours.
        record(record.withProgress(context.progress), outcome);
    }

    private void giveUp(JobRecord record, String reason) {
        record(record, new JobRun(JobStatus.FAILED, List.of(), JobRun.notRun(reason)));
        givenUp.accept(record);
    }

    private void record(JobRecord record, JobRun outcome) {
        JobRecord done = record.finished(outcome.status(), outcome.results(), outcome.error(), clock.instant());
        if (queue.finish(done, workerId)) {
            finished.incrementAndGet();
        }
    }

    @Override
    public void close() {
        running = false;
        loops.shutdownNow();
        renewals.shutdownNow();
        try {
            loops.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static Thread daemon(Runnable runnable, String name) {
        Thread thread = new Thread(runnable, name);
        thread.setDaemon(true);
        return thread;
    }

    private static void sleepQuietly(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** What a handler sees of its job on a worker: progress goes to the queue's row, cancel comes from it. */
    private final class WorkerContext implements JobContext {
        private final JobRecord record;
        private volatile boolean stop;
        private volatile boolean lost;
        private volatile JobProgress progress = new JobProgress(0, 0);

        WorkerContext(JobRecord record) {
            this.record = record;
        }

        void renew() {
            try {
                switch (queue.renew(record.jobId(), workerId, lease)) {
                    case HELD -> { }
                    case CANCEL_REQUESTED -> stop = true;
                    case LOST -> {
                        lost = true;
                        stop = true;
                    }
                }
            } catch (RuntimeException e) {
                // The database is unreachable for now: the next renewal tries again before the lease ends.
                LOG.warn("Job {}: cannot renew the lease", record.jobId(), e);
            }
        }

        @Override
        public String jobId() {
            return record.jobId();
        }

        @Override
        public boolean isCancelled() {
            return stop;
        }

        @Override
        public void throwIfCancelled() {
            if (stop) {
                throw new JobCancelledException();
            }
        }

        @Override
        public void progress(int step, int totalSteps, byte[] previewPngOrNull) {
            // Previews stay on the worker: the bridges relay steps from the queue's row, not pixels.
            progress = new JobProgress(step, totalSteps);
            queue.progress(record.jobId(), workerId, step, totalSteps);
        }

        @Override
        public ImageStore images() {
            return images;
        }

        @Override
        public String brand() {
            return record.brand();
        }

        @Override
        public String ownerTokenId() {
            return record.ownerTokenId();
        }
    }
}
