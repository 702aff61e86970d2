package io.atelier.bridge.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.atelier.bridge.images.FileImageStore;
import io.atelier.bridge.rpc.AtelierException;
import io.atelier.bridge.rpc.Caller;
import io.atelier.bridge.rpc.NotificationSink;
import io.atelier.bridge.security.TokenScope;
import io.atelier.bridge.support.CountingJobs;
import io.atelier.protocol.ErrorCodes;
import io.atelier.protocol.JobStatus;
import io.atelier.protocol.JobsFinishedNotification;
import io.atelier.protocol.JobsProgressNotification;
import io.atelier.protocol.Notifications;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The job manager with job kinds defined here (no model): statuses, limits, cancel, failures, scope. */
class JobManagerTest {
    @TempDir
    Path home;

    private JobManager jobs;
    private final RecordingSink sink = new RecordingSink();
    private Caller alice;

    /** Collects notifications in order. */
    static final class RecordingSink implements NotificationSink {
        final BlockingQueue<Object> received = new LinkedBlockingQueue<>();

        @Override
        public void notify(String method, Object params) {
            received.add(params);
        }

        @Override
        public boolean isOpen() {
            return true;
        }

        JobsFinishedNotification awaitFinished() throws InterruptedException {
            while (true) {
                Object next = received.poll(10, TimeUnit.SECONDS);
                if (next == null) {
                    throw new AssertionError("no jobs.finished");
                }
                if (next instanceof JobsFinishedNotification finished) {
                    return finished;
                }
            }
        }
    }

    @BeforeEach
    void start() throws Exception {
        jobs = new JobManager(new InMemoryJobStore(100), new FileImageStore(home.resolve("images")),
                new JobLimits(1, 2, 10, 100), Clock.systemUTC());
        alice = new Caller("tok_alice", TokenScope.only(List.of("maison")), sink);
    }

    @AfterEach
    void stop() {
        jobs.close();
    }

    @Test
    void job_goes_queued_running_succeeded_with_its_results() throws Exception {
        String id = jobs.submit("test.count", alice, "maison", CountingJobs.handler(3, 1, 0, false));
        JobsFinishedNotification finished = sink.awaitFinished();
        assertEquals(id, finished.jobId());
        assertEquals(JobStatus.SUCCEEDED, finished.status());
        assertEquals(1, finished.results().size());
        JobRecord record = jobs.get(id, alice);
        assertEquals(JobStatus.SUCCEEDED, record.status());
        assertEquals(3, record.progress().step());
        assertTrue(record.finishedAt() != null);
    }

    @Test
    void queue_cap_per_token_answers_busy() {
        CountDownLatch release = new CountDownLatch(1);
        JobHandler blocking = ctx -> {
            release.await(10, TimeUnit.SECONDS);
            return List.of();
        };
        try {
            jobs.submit("test.block", alice, null, blocking);
            jobs.submit("test.block", alice, null, blocking);
            AtelierException busy = assertThrows(AtelierException.class,
                    () -> jobs.submit("test.block", alice, null, blocking));
            assertEquals(ErrorCodes.BUSY, busy.code());
            // Another token has its own allowance.
            Caller bob = new Caller("tok_bob", TokenScope.ALL, null);
            jobs.submit("test.block", bob, null, blocking);
        } finally {
            release.countDown();
        }
    }

    @Test
    void cancel_stops_a_running_job_within_one_step() throws Exception {
        String id = jobs.submit("test.count", alice, null, CountingJobs.handler(200, 20, 0, false));
        Object first;
        do {
            first = sink.received.poll(10, TimeUnit.SECONDS);
        } while (!(first instanceof JobsProgressNotification progress && progress.step() >= 3));
        int stepAtCancel = CountingJobs.LAST_STEP_STARTED.get();
        jobs.cancel(id, alice);
        JobsFinishedNotification finished = sink.awaitFinished();
        assertEquals(JobStatus.CANCELLED, finished.status());
        assertEquals(ErrorCodes.CANCELLED, finished.error().code());
        assertTrue(finished.results().isEmpty());
        assertTrue(CountingJobs.LAST_STEP_STARTED.get() <= stepAtCancel + 1,
                "ran on to step " + CountingJobs.LAST_STEP_STARTED.get() + " after cancel at " + stepAtCancel);
    }

    @Test
    void cancel_of_a_queued_job_is_immediate_and_it_never_runs() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        jobs.submit("test.block", alice, null, ctx -> {
            release.await(10, TimeUnit.SECONDS);
            return List.of();
        });
        boolean[] ran = {false};
        String queued = jobs.submit("test.never", alice, null, ctx -> {
            ran[0] = true;
            return List.of();
        });
        assertEquals(JobStatus.CANCELLED, jobs.cancel(queued, alice).status());
        release.countDown();
        Thread.sleep(100);
        assertEquals(JobStatus.CANCELLED, jobs.get(queued, alice).status());
        assertTrue(!ran[0]);
    }

    @Test
    void unexpected_handler_failure_is_a_model_failure_and_the_next_job_runs() throws Exception {
        String failing = jobs.submit("test.count", alice, null, CountingJobs.handler(5, 1, 2, false));
        JobsFinishedNotification finished = sink.awaitFinished();
        assertEquals(failing, finished.jobId());
        assertEquals(JobStatus.FAILED, finished.status());
        assertEquals(ErrorCodes.MODEL_FAILURE, finished.error().code());
        assertTrue(!finished.error().data().reason().contains("on purpose"), "the exception message leaked");
        jobs.submit("test.count", alice, null, CountingJobs.handler(1, 1, 0, false));
        assertEquals(JobStatus.SUCCEEDED, sink.awaitFinished().status());
    }

    @Test
    void atelier_exception_keeps_its_own_code() throws Exception {
        jobs.submit("test.image", alice, null, ctx -> {
            throw new AtelierException(ErrorCodes.INVALID_IMAGE, "The init image is not a PNG.");
        });
        JobsFinishedNotification finished = sink.awaitFinished();
        assertEquals(ErrorCodes.INVALID_IMAGE, finished.error().code());
        assertEquals("The init image is not a PNG.", finished.error().data().reason());
    }

    @Test
    void other_brands_job_is_not_found_for_a_scoped_token() {
        Caller admin = new Caller("tok_admin", TokenScope.ALL, null);
        String id = jobs.submit("test.count", admin, "rival", CountingJobs.handler(1, 1, 0, false));
        AtelierException notFound = assertThrows(AtelierException.class, () -> jobs.get(id, alice));
        assertEquals(ErrorCodes.NOT_FOUND, notFound.code());
        assertEquals(ErrorCodes.NOT_FOUND, assertThrows(AtelierException.class, () -> jobs.cancel(id, alice)).code());
        assertTrue(jobs.list(alice, null, 50).stream().noneMatch(job -> job.jobId().equals(id)));
        assertEquals(id, jobs.get(id, admin).jobId());
    }

    @Test
    void submitting_for_a_brand_outside_the_scope_answers_not_found() {
        AtelierException notFound = assertThrows(AtelierException.class,
                () -> jobs.submit("test.count", alice, "rival", CountingJobs.handler(1, 1, 0, false)));
        assertEquals(ErrorCodes.NOT_FOUND, notFound.code());
    }

    @Test
    void subscribing_to_a_finished_job_sends_its_outcome_at_once() throws Exception {
        Caller quiet = new Caller("tok_alice", TokenScope.only(List.of("maison")), null);
        String id = jobs.submit("test.count", quiet, null, CountingJobs.handler(1, 1, 0, false));
        while (!jobs.get(id, quiet).status().isFinal()) {
            Thread.sleep(5);
        }
        assertNull(sink.received.poll());
        jobs.subscribe(id, alice);
        assertEquals(id, sink.awaitFinished().jobId());
    }

    @Test
    void a_finished_jobs_previews_are_deleted_and_its_results_kept() throws Exception {
        FileImageStore store = new FileImageStore(home.resolve("images"));
        jobs.submit("test.count", alice, "maison", CountingJobs.handler(3, 1, 0, true));
        java.util.List<String> previews = new java.util.ArrayList<>();
        JobsFinishedNotification finished = null;
        while (finished == null) {
            Object next = sink.received.poll(10, TimeUnit.SECONDS);
            if (next instanceof JobsProgressNotification progress && progress.preview() != null) {
                previews.add(progress.preview().id());
            } else if (next instanceof JobsFinishedNotification done) {
                finished = done;
            } else if (next == null) {
                throw new AssertionError("no jobs.finished");
            }
        }
        assertEquals(3, previews.size(), "a preview at every step");
        for (String id : previews) {
            assertTrue(store.find(id, alice).isEmpty(), "preview " + id + " kept after the job ended");
            assertTrue(java.nio.file.Files.notExists(home.resolve("images").resolve(id + ".png")));
        }
        assertTrue(store.find(finished.results().get(0).id(), alice).isPresent(), "the result stays");
    }

    @Test
    void progress_is_reported_at_every_step_in_order() throws Exception {
        jobs.submit("test.count", alice, null, CountingJobs.handler(4, 1, 0, false));
        for (int step = 1; step <= 4; step++) {
            Object next = sink.received.poll(10, TimeUnit.SECONDS);
            JobsProgressNotification progress = (JobsProgressNotification) next;
            assertEquals(step, progress.step());
            assertEquals(4, progress.totalSteps());
        }
        assertEquals(JobStatus.SUCCEEDED, sink.awaitFinished().status());
        assertEquals(Notifications.JOBS_PROGRESS, "jobs.progress");
    }
}
