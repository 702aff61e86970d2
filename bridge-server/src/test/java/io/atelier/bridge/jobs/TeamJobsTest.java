package io.atelier.bridge.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.atelier.brands.store.AtelierDatabase;
import io.atelier.brands.store.DatabaseLocation;
import io.atelier.brands.store.LocalPostgres;
import io.atelier.bridge.images.FileImageStore;
import io.atelier.bridge.rpc.Caller;
import io.atelier.bridge.rpc.NotificationSink;
import io.atelier.bridge.security.TokenScope;
import io.atelier.bridge.support.CountingJobs;
import io.atelier.protocol.JobStatus;
import io.atelier.protocol.JobsFinishedNotification;
import io.atelier.protocol.Notifications;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A bridge's JobManager and a worker on one PostgreSQL database, as two processes of a team would be: the bridge
 * queues, the worker claims and runs, the designer's socket on the bridge hears progress and the outcome.
 */
class TeamJobsTest {
    private static final Function<String, Optional<TokenScope>> OWNERS =
            id -> Optional.of(TokenScope.only(List.of("maison")));
    private static final Duration LEASE = Duration.ofMillis(600);

    @TempDir
    Path home;

    private final List<AutoCloseable> open = new CopyOnWriteArrayList<>();
    private final List<JobRecord> givenUp = new CopyOnWriteArrayList<>();
    private String url;

    @BeforeEach
    void database() {
        url = LocalPostgres.shared().createDatabase();
    }

    @AfterEach
    void close() throws Exception {
        for (int i = open.size() - 1; i >= 0; i--) {
            open.get(i).close();
        }
    }

    /** One process's JobManager on the team's database: a bridge, or the host of a worker. */
    private JobManager node(SharedJobQueue[] queueOut) throws Exception {
        AtelierDatabase db = AtelierDatabase.open(DatabaseLocation.postgresql(url));
        open.add(db);
        DatabaseJobStore store = new DatabaseJobStore(db);
        JobManager jobs = new JobManager(store, new FileImageStore(home.resolve("images")),
                new JobLimits(1, 50, 100, 100), Clock.systemUTC());
        open.add(jobs);
        jobs.registerReplayer("test.count", (record, owner) -> {
            int steps = (Integer) record.replay().get("steps");
            return CountingJobs.handler(steps, steps >= 10 ? 100 : 20, 0, false);
        });
        SharedJobQueue queue = new SharedJobQueue(db, store, Clock.systemUTC());
        jobs.shareQueue(queue);
        queueOut[0] = queue;
        return jobs;
    }

    private QueueWorker worker(String id) throws Exception {
        SharedJobQueue[] queue = new SharedJobQueue[1];
        JobManager host = node(queue);
        QueueWorker worker = new QueueWorker(queue[0], host, new FileImageStore(home.resolve("images")), OWNERS, id,
                Set.of(), 1, 3, LEASE, Clock.systemUTC(), givenUp::add);
        open.add(worker);
        return worker;
    }

    private static Caller caller(String token, NotificationSink sink) {
        return new Caller(token, TokenScope.only(List.of("maison")), sink);
    }

    @Test
    void a_job_queued_on_a_bridge_runs_on_a_worker_and_its_socket_hears_progress_and_the_outcome() throws Exception {
        JobManager bridge = node(new SharedJobQueue[1]);
        worker("worker-1");
        RecordingSink socket = new RecordingSink();
        // Steps long enough (10 x 100 ms) for the bridge's relay, which reads the queue every 200 ms, to see some.
        String id = bridge.submit("test.count", caller("tok_a", socket), "maison", null, Map.of("steps", 10),
                CountingJobs.handler(10, 100, 0, false));

        JobsFinishedNotification finished = socket.awaitFinished(id);
        assertEquals(JobStatus.SUCCEEDED, finished.status());
        assertEquals(1, finished.results().size());
        assertTrue(socket.methods().contains(Notifications.JOBS_PROGRESS), socket.methods().toString());
        assertEquals(JobStatus.SUCCEEDED, bridge.get(id, caller("tok_a", null)).status());
    }

    @Test
    void a_socket_on_another_bridge_that_subscribes_hears_the_outcome_too() throws Exception {
        JobManager bridgeA = node(new SharedJobQueue[1]);
        JobManager bridgeB = node(new SharedJobQueue[1]);
        String id = bridgeA.submit("test.count", caller("tok_a", null), "maison", null, Map.of("steps", 10),
                CountingJobs.handler(10, 20, 0, false));
        RecordingSink other = new RecordingSink();
        bridgeB.subscribe(id, caller("tok_a", other));
        worker("worker-1");
        assertEquals(JobStatus.SUCCEEDED, other.awaitFinished(id).status());
    }

    @Test
    void a_job_whose_workers_died_three_times_is_failed_with_the_reason_kept() throws Exception {
        SharedJobQueue[] queue = new SharedJobQueue[1];
        JobManager bridge = node(queue);
        RecordingSink socket = new RecordingSink();
        String id = bridge.submit("test.count", caller("tok_a", socket), "maison", null, Map.of("steps", 2),
                CountingJobs.handler(2, 20, 0, false));
        // Three workers claim it and die (their leases run out unrenewed).
        for (int i = 0; i < 3; i++) {
            assertTrue(queue[0].claim("dead-" + i, Set.of("test.count"), Set.of(), Duration.ofMillis(1)).isPresent());
            Thread.sleep(5);
        }
        worker("worker-live");
        JobsFinishedNotification finished = socket.awaitFinished(id);
        assertEquals(JobStatus.FAILED, finished.status());
        assertTrue(finished.error().data().reason().contains("stopped 3 times"), finished.error().data().reason());
        assertEquals(List.of(id), givenUp.stream().map(JobRecord::jobId).toList(), "its history is failed too");
    }

    @Test
    void cancel_on_the_bridge_stops_the_job_running_on_a_worker() throws Exception {
        JobManager bridge = node(new SharedJobQueue[1]);
        worker("worker-1");
        RecordingSink socket = new RecordingSink();
        String id = bridge.submit("test.count", caller("tok_a", socket), "maison", null, Map.of("steps", 200),
                CountingJobs.handler(200, 20, 0, false));
        long deadline = System.currentTimeMillis() + 10_000;
        while (bridge.get(id, caller("tok_a", null)).status() != JobStatus.RUNNING
                && System.currentTimeMillis() < deadline) {
            Thread.sleep(20);
        }
        bridge.cancel(id, caller("tok_a", null));
        JobsFinishedNotification finished = socket.awaitFinished(id);
        assertEquals(JobStatus.CANCELLED, finished.status());
    }

    /** A socket that keeps what it is sent. */
    static final class RecordingSink implements NotificationSink {
        private final List<Object[]> received = new CopyOnWriteArrayList<>();

        @Override
        public void notify(String method, Object params) {
            received.add(new Object[] {method, params});
        }

        @Override
        public boolean isOpen() {
            return true;
        }

        List<String> methods() {
            return received.stream().map(r -> (String) r[0]).toList();
        }

        JobsFinishedNotification awaitFinished(String jobId) throws InterruptedException {
            long deadline = System.currentTimeMillis() + 20_000;
            while (System.currentTimeMillis() < deadline) {
                for (Object[] r : received) {
                    if (r[1] instanceof JobsFinishedNotification f && f.jobId().equals(jobId)) {
                        return f;
                    }
                }
                Thread.sleep(20);
            }
            throw new AssertionError("no jobs.finished for " + jobId + " within 20 s; got " + methods());
        }
    }
}
