package io.atelier.bridge.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.atelier.brands.store.AtelierDatabase;
import io.atelier.brands.store.DatabaseLocation;
import io.atelier.brands.store.LocalPostgres;
import io.atelier.protocol.JobStatus;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The team's queue on a real PostgreSQL server: claims exclusive, leases that end, fair turns between tokens. */
class SharedJobQueueTest {
    private static final Set<String> KINDS = Set.of("test.count");
    private static final Duration LONG = Duration.ofMinutes(5);

    private AtelierDatabase db;
    private SharedJobQueue queue;
    private DatabaseJobStore records;

    @BeforeEach
    void open() {
        db = AtelierDatabase.open(DatabaseLocation.postgresql(LocalPostgres.shared().createDatabase()));
        records = new DatabaseJobStore(db);
        queue = new SharedJobQueue(db, records, Clock.systemUTC());
    }

    @AfterEach
    void close() {
        db.close();
    }

    private JobRecord enqueue(String id, String token, String model) {
        return enqueue(id, token, "maison", model);
    }

    private JobRecord enqueue(String id, String token, String brand, String model) {
        JobRecord record = JobRecord.queued(id, "test.count", token, brand, Instant.now(), Map.of("steps", 1),
                null);
        queue.enqueue(record, model);
        return record;
    }

    private boolean finish(JobRecord claimed, String worker) {
        return queue.finish(claimed.finished(JobStatus.SUCCEEDED, List.of(), null, Instant.now()), worker);
    }

    @Test
    void four_workers_claiming_at_once_run_every_job_exactly_once() throws Exception {
        for (int i = 0; i < 60; i++) {
            enqueue("job_" + i, "tok_" + (i % 3), null);
        }
        Map<String, String> claimedBy = new ConcurrentHashMap<>();
        AtomicInteger twice = new AtomicInteger();
        AtomicInteger finishes = new AtomicInteger();
        ExecutorService workers = Executors.newFixedThreadPool(4);
        List<Future<?>> running = new ArrayList<>();
        for (int w = 0; w < 4; w++) {
            String worker = "worker-" + w;
            running.add(workers.submit(() -> {
                for (Optional<JobRecord> next = queue.claim(worker, KINDS, Set.of(), LONG); next.isPresent();
                     next = queue.claim(worker, KINDS, Set.of(), LONG)) {
                    if (claimedBy.putIfAbsent(next.get().jobId(), worker) != null) {
                        twice.incrementAndGet();
                    }
                    if (finish(next.get(), worker)) {
                        finishes.incrementAndGet();
                    }
                }
                return null;
            }));
        }
        for (Future<?> f : running) {
            f.get();
        }
        workers.shutdown();
        assertEquals(0, twice.get(), "no job is claimed by two workers");
        assertEquals(60, claimedBy.size());
        assertEquals(60, finishes.get());
        assertTrue(records.unfinished().isEmpty());
    }

    @Test
    void a_dead_workers_job_is_claimed_again_when_its_lease_ends_and_only_the_new_holder_finishes_it()
            throws Exception {
        enqueue("job_a", "tok_a", null);
        JobRecord first = queue.claim("worker-dead", KINDS, Set.of(), Duration.ofMillis(300)).orElseThrow();
        assertEquals(1, first.attempts());
        assertTrue(queue.claim("worker-live", KINDS, Set.of(), LONG).isEmpty(), "a held lease is not taken");
        Thread.sleep(400);
        JobRecord second = queue.claim("worker-live", KINDS, Set.of(), LONG).orElseThrow();
        assertEquals("job_a", second.jobId());
        assertEquals(2, second.attempts(), "the attempt is counted, so that a job that kills workers ends");
        assertEquals(SharedJobQueue.Lease.LOST, queue.renew("job_a", "worker-dead", LONG));
        assertFalse(finish(first, "worker-dead"), "the late worker's outcome is not recorded");
        assertTrue(finish(second, "worker-live"));
        assertFalse(finish(second, "worker-live"), "a job finishes once");
        assertEquals(JobStatus.SUCCEEDED, records.find("job_a").orElseThrow().status());
    }

    @Test
    void a_single_job_behind_another_tokens_batch_of_500_waits_for_one_of_its_jobs_not_the_batch() {
        for (int i = 0; i < 500; i++) {
            enqueue(String.format("job_batch_%03d", i), "tok_agency", null);
        }
        for (int i = 0; i < 100; i++) {
            finish(queue.claim("w", KINDS, Set.of(), LONG).orElseThrow(), "w");
        }
        enqueue("job_single", "tok_designer", null);
        List<String> next = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            next.add(queue.claim("w", KINDS, Set.of(), LONG).orElseThrow().jobId());
        }
        assertTrue(next.contains("job_single"), "claimed next: " + next);
    }

    @Test
    void tokens_with_batches_take_turns() {
        for (int i = 0; i < 5; i++) {
            enqueue("job_a" + i, "tok_a", null);
        }
        for (int i = 0; i < 5; i++) {
            enqueue("job_b" + i, "tok_b", null);
        }
        List<String> owners = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            owners.add(queue.claim("w", KINDS, Set.of(), LONG).orElseThrow().ownerTokenId());
        }
        assertEquals(List.of("tok_a", "tok_b", "tok_a", "tok_b", "tok_a", "tok_b"), owners);
    }

    @Test
    void brands_take_turns_whatever_their_number_of_busy_tokens() {
        // An agency's brand with three tokens each sending a batch, and a house with one designer.
        for (int i = 0; i < 3; i++) {
            for (String token : List.of("tok_agency_1", "tok_agency_2", "tok_agency_3")) {
                enqueue("job_" + token + "_" + i, token, "agence", null);
            }
        }
        for (int i = 0; i < 3; i++) {
            enqueue("job_house_" + i, "tok_house", "maison", null);
        }
        List<String> brands = new ArrayList<>();
        List<String> agencyTokens = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            JobRecord next = queue.claim("w", KINDS, Set.of(), LONG).orElseThrow();
            brands.add(next.brand());
            if (next.brand().equals("agence")) {
                agencyTokens.add(next.ownerTokenId());
            }
        }
        assertEquals(List.of("agence", "maison", "agence", "maison", "agence", "maison"), brands);
        assertEquals(List.of("tok_agency_1", "tok_agency_2", "tok_agency_3"), agencyTokens,
                "within a brand, its tokens take turns");
    }

    @Test
    void among_jobs_equally_due_a_worker_takes_those_of_its_loaded_models_first() {
        enqueue("job_sd15", "tok_a", "agence", "sd15");
        enqueue("job_micro", "tok_b", "maison", "atelier-micro");
        assertEquals("job_micro", queue.claim("w", KINDS, Set.of(), Set.of("atelier-micro"), LONG).orElseThrow()
                .jobId(), "the loaded model's job, though younger");
        assertEquals("job_sd15", queue.claim("w", KINDS, Set.of(), Set.of("atelier-micro"), LONG).orElseThrow()
                .jobId());
        // Warmth never jumps the fair order: the loaded model's job, agence's second, waits for both brands' first
        // (maison first: agence was served last).
        enqueue("job_x1", "tok_a", "agence", "sd15");
        enqueue("job_x2", "tok_a", "agence", "atelier-micro");
        enqueue("job_y1", "tok_b", "maison", "sd15");
        List<String> order = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            order.add(queue.claim("w", KINDS, Set.of(), Set.of("atelier-micro"), LONG).orElseThrow().jobId());
        }
        assertEquals(List.of("job_y1", "job_x1", "job_x2"), order);
    }

    @Test
    void a_worker_claims_only_jobs_for_the_models_it_has() {
        enqueue("job_sd15", "tok_a", "sd15");
        assertTrue(queue.claim("micro-only", KINDS, Set.of("atelier-micro"), LONG).isEmpty());
        assertTrue(queue.claim("micro-only", Set.of("images.upscale"), Set.of(), LONG).isEmpty(),
                "nor kinds it cannot rebuild");
        assertEquals("job_sd15", queue.claim("sd", KINDS, Set.of("sd15", "atelier-micro"), LONG).orElseThrow()
                .jobId());
    }

    @Test
    void a_queued_job_cancels_at_once_and_a_running_one_hears_of_it_at_its_next_renewal() {
        enqueue("job_running", "tok_b", null);
        JobRecord waiting = enqueue("job_waiting", "tok_a", null);
        JobRecord running = queue.claim("w", KINDS, Set.of(), LONG).orElseThrow();
        assertEquals("job_running", running.jobId(), "both tokens' first jobs share turn 0; the older goes first");
        assertTrue(queue.cancelQueued(waiting.finished(JobStatus.CANCELLED, List.of(), JobRun.cancelledError(),
                Instant.now())));
        assertTrue(queue.claim("w", KINDS, Set.of(), LONG).isEmpty(), "a cancelled job is not claimed");
        assertEquals(SharedJobQueue.Lease.HELD, queue.renew("job_running", "w", LONG));
        assertFalse(queue.cancelQueued(running.finished(JobStatus.CANCELLED, List.of(), JobRun.cancelledError(),
                Instant.now())), "a claimed job is not cancelled under its worker");
        queue.requestCancel("job_running");
        assertEquals(SharedJobQueue.Lease.CANCEL_REQUESTED, queue.renew("job_running", "w", LONG));
    }
}
