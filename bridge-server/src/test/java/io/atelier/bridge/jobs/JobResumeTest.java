package io.atelier.bridge.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.atelier.brands.store.AtelierDatabase;
import io.atelier.bridge.images.FileImageStore;
import io.atelier.bridge.rpc.AtelierException;
import io.atelier.bridge.rpc.Caller;
import io.atelier.bridge.security.TokenScope;
import io.atelier.bridge.support.CountingJobs;
import io.atelier.protocol.JobProgress;
import io.atelier.protocol.JobStatus;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Jobs journalled in SQLite outlive the manager that accepted them: what a restart finds queued or running runs again
 * or fails with its reason, finished jobs answer for the retention period, and an idempotency key maps to one job.
 * A crash is staged by writing the record a killed bridge leaves behind (the real kill -9 is DurabilityTest's).
 */
class JobResumeTest {
    private static final Caller ALICE = new Caller("tok_alice", TokenScope.only(List.of("maison")), null);
    private static final Caller BOB = new Caller("tok_bob", TokenScope.only(List.of("maison")), null);
    private static final Function<String, Optional<TokenScope>> OWNERS =
            id -> id.equals("tok_gone") ? Optional.empty() : Optional.of(TokenScope.only(List.of("maison")));

    @TempDir
    Path home;

    private AtelierDatabase db;
    private JobStore store;
    private JobManager jobs;

    @BeforeEach
    void open() {
        db = openDatabase(home);
        store = new DatabaseJobStore(db);
        jobs = manager(Clock.systemUTC());
    }

    @AfterEach
    void close() {
        jobs.close();
        db.close();
    }

    private JobManager manager(Clock clock) {
        JobManager manager;
        try {
            manager = new JobManager(store, new FileImageStore(home.resolve("images")), new JobLimits(1, 4, 10, 100),
                    clock);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        manager.registerReplayer("test.count", (record, owner) -> {
            assertEquals(record.ownerTokenId(), owner.tokenId());
            return CountingJobs.handler((Integer) record.replay().get("steps"), 1, 0, false);
        });
        return manager;
    }

    private static JobRecord leftBehind(String id, String kind, String owner, JobStatus status, int attempts,
                                        Map<String, Object> replay) {
        return new JobRecord(id, kind, owner, "maison", status, new JobProgress(2, 5), List.of(), null,
                Instant.now(), null, attempts, replay, null);
    }

    private JobRecord awaitFinal(String id, Caller caller) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline) {
            JobRecord record = jobs.get(id, caller);
            if (record.status().isFinal()) {
                return record;
            }
            Thread.sleep(10);
        }
        throw new AssertionError("job " + id + " did not finish");
    }

    @Test
    void jobs_left_queued_or_running_run_again_from_their_start_under_the_same_id() throws Exception {
        store.save(leftBehind("job_queued", "test.count", "tok_alice", JobStatus.QUEUED, 0, Map.of("steps", 3)));
        store.save(leftBehind("job_running", "test.count", "tok_alice", JobStatus.RUNNING, 1, Map.of("steps", 3)));

        assertEquals(List.of("job_queued", "job_running"), jobs.resume(OWNERS).jobIds());

        for (String id : List.of("job_queued", "job_running")) {
            JobRecord done = awaitFinal(id, ALICE);
            assertEquals(JobStatus.SUCCEEDED, done.status());
            assertEquals(1, done.results().size());
        }
        assertEquals(2, store.find("job_running").orElseThrow().attempts(), "the re-run is its second attempt");
        assertTrue(store.unfinished().isEmpty());
    }

    @Test
    void a_job_the_bridge_died_during_three_times_is_failed_with_the_reason_kept() {
        store.save(leftBehind("job_crashy", "test.count", "tok_alice", JobStatus.RUNNING, 3, Map.of("steps", 3)));

        assertEquals(new JobManager.Resumed(List.of(), 1), jobs.resume(OWNERS));

        JobRecord failed = jobs.get("job_crashy", ALICE);
        assertEquals(JobStatus.FAILED, failed.status());
        assertTrue(failed.error().data().reason().contains("stopped 3 times while running this job"),
                failed.error().data().reason());
    }

    @Test
    void a_job_that_cannot_be_replayed_or_whose_token_is_gone_is_failed_with_a_clear_reason() {
        store.save(leftBehind("job_train", "adapters.train", "tok_alice", JobStatus.RUNNING, 1, null));
        store.save(leftBehind("job_orphan", "test.count", "tok_gone", JobStatus.QUEUED, 0, Map.of("steps", 3)));

        assertEquals(new JobManager.Resumed(List.of(), 2), jobs.resume(OWNERS));

        assertTrue(jobs.get("job_train", ALICE).error().data().reason()
                .contains("this kind of job (adapters.train) cannot be resumed: submit it again"));
        JobRecord orphan = store.find("job_orphan").orElseThrow();
        assertEquals(JobStatus.FAILED, orphan.status());
        assertTrue(orphan.error().data().reason().contains("token that submitted it no longer exists"));
    }

    @Test
    void the_same_client_request_id_gives_the_same_job_per_token_even_after_a_restart() throws Exception {
        String first = jobs.submit("test.count", ALICE, "maison", "key-1", Map.of("steps", 2),
                CountingJobs.handler(2, 1, 0, false));
        String again = jobs.submit("test.count", ALICE, "maison", "key-1", Map.of("steps", 2),
                CountingJobs.handler(2, 1, 0, false));
        String bobs = jobs.submit("test.count", BOB, "maison", "key-1", Map.of("steps", 2),
                CountingJobs.handler(2, 1, 0, false));
        assertEquals(first, again);
        assertNotEquals(first, bobs, "keys are scoped per token");
        awaitFinal(first, ALICE);
        awaitFinal(bobs, BOB);

        jobs.close();
        jobs = manager(Clock.systemUTC());
        jobs.resume(OWNERS);
        assertEquals(Optional.of(first), jobs.submittedAs(ALICE, "key-1"));
        JobRecord remembered = jobs.get(first, ALICE);
        assertEquals(JobStatus.SUCCEEDED, remembered.status());
        assertEquals(1, remembered.results().size(), "results survive the restart");
    }

    @Test
    void finished_jobs_answer_until_the_retention_period_ends() throws Exception {
        String id = jobs.submit("test.count", ALICE, "maison", null, Map.of("steps", 1),
                CountingJobs.handler(1, 1, 0, false));
        awaitFinal(id, ALICE);
        jobs.close();

        jobs = manager(Clock.fixed(Instant.now().plus(Duration.ofDays(6)), ZoneOffset.UTC));
        jobs.resume(OWNERS);
        assertEquals(JobStatus.SUCCEEDED, jobs.get(id, ALICE).status());
        jobs.close();

        jobs = manager(Clock.fixed(Instant.now().plus(Duration.ofDays(8)), ZoneOffset.UTC));
        jobs.resume(OWNERS);
        AtelierException gone = assertThrows(AtelierException.class, () -> jobs.get(id, ALICE));
        assertEquals(io.atelier.protocol.ErrorCodes.NOT_FOUND, gone.code());
    }

    /** SQLite under the test's home; {@link JobResumeOnPostgresTest} runs every test here on PostgreSQL. */
    AtelierDatabase openDatabase(Path home) {
        return AtelierDatabase.open(home);
    }
}
