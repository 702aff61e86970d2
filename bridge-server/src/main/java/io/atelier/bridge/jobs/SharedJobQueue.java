package io.atelier.bridge.jobs;

import io.atelier.brands.store.AtelierDatabase;
import io.atelier.brands.store.DatabaseLocation;
import io.atelier.brands.store.Sql;
import java.sql.Array;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The job queue a team's bridges and workers share, in the {@code jobs} table of their PostgreSQL database. A bridge
 * {@link #enqueue}s; a worker {@link #claim}s the next job with {@code SELECT … FOR UPDATE SKIP LOCKED} (two workers
 * never get the same row, and neither waits on the other's lock) under a lease it {@link #renew}s while it runs. A
 * worker that dies stops renewing: once the lease ends, the job is claimed again, by anyone. Only the lease's holder
 * can record progress or the outcome ({@link #finish}), so a job that was claimed again finishes once.
 *
 * <p>Order: brands take turns, then tokens within a brand, then age; among jobs equally due, a worker takes those of
 * the models it has loaded first. A job's turn is one after its token's latest unfinished job, and never before the
 * queue's current turn (the lowest waiting); so a token's single job submitted behind another token's batch of 500
 * waits for one job of each token ahead of it, not for the batch. At claim time each brand's waiting jobs are ranked
 * by turn, the n-th job of every brand comes before the (n+1)-th of any, and among brands with a job at the same rank
 * the one served longest ago (its last claim, within the hour) goes first: a brand with five busy tokens does not get
 * five times the share of a brand with one.
 */
public final class SharedJobQueue {
    /** How far back a brand's last claim counts when brands take turns (an idle brand is simply served next). */
    static final Duration SERVED_WINDOW = Duration.ofHours(1);
    /**
     * Queued and free, or running under a lease that ended, for the table named {@code alias} ("" for none); its one
     * placeholder is the current time.
     */
    private static String claimable(String alias) {
        String a = alias.isEmpty() ? "" : alias + ".";
        return "((" + a + "status='queued' AND " + a + "lease_owner IS NULL) OR (" + a + "status='running' AND " + a
                + "lease_until < ?))";
    }

    private final AtelierDatabase db;
    private final DatabaseJobStore records;
    private final Clock clock;

    public SharedJobQueue(AtelierDatabase db, DatabaseJobStore records, Clock clock) {
        if (db.vendor() != DatabaseLocation.Vendor.POSTGRESQL) {
            throw new IllegalArgumentException("a shared queue needs PostgreSQL's row locks; SQLite serves one bridge");
        }
        this.db = db;
        this.records = records;
        this.clock = clock;
    }

    /** What a renewal found. */
    public enum Lease {
        /** Still this worker's. */
        HELD,
        /** Still this worker's, and someone asked to cancel the job. */
        CANCEL_REQUESTED,
        /** No longer this worker's (it ran out and another worker claimed the job, or the job was cancelled). */
        LOST
    }

    /** Writes a new queued job, with its place in the fair order; durable once this returns. */
    public void enqueue(JobRecord queued, String modelOrNull) {
        records.save(queued);
        db.write(c -> Sql.update(c, "UPDATE jobs SET model=?, turn=GREATEST("
                + "(SELECT COALESCE(MIN(turn), 0) FROM jobs WHERE status='queued' AND job_id<>?), "
                + "(SELECT COALESCE(MAX(turn) + 1, 0) FROM jobs WHERE owner_token=? AND job_id<>? "
                + "AND status IN ('queued','running'))) WHERE job_id=?",
                Arrays.asList(modelOrNull, queued.jobId(), queued.ownerTokenId(), queued.jobId(), queued.jobId())));
    }

    /**
     * Takes the next job this worker can run: queued, or running under a lease that ended (its worker died), of a
     * kind it can replay and a model it has. The job comes back {@code running}, its attempts counted.
     *
     * @param kinds  job kinds the worker can rebuild from their records
     * @param models models it has; empty: any
     */
    public Optional<JobRecord> claim(String workerId, Set<String> kinds, Set<String> models, Duration lease) {
        return claim(workerId, kinds, models, Set.of(), lease);
    }

    /**
     * As {@link #claim(String, Set, Set, Duration)}, taking jobs of the {@code warm} models (loaded now) first among
     * jobs equally due: fairness first, then no needless model load.
     */
    public Optional<JobRecord> claim(String workerId, Set<String> kinds, Set<String> models, Set<String> warm,
                                     Duration lease) {
        long now = clock.millis();
        return db.write(c -> {
            List<Object> args = new ArrayList<>(List.of(workerId, now + lease.toMillis(), now, now,
                    textArray(c, kinds)));
            String modelFilter = "";
            if (!models.isEmpty()) {
                modelFilter = " AND (model IS NULL OR model = ANY(?))";
                args.add(textArray(c, models));
            }
            args.add(now - SERVED_WINDOW.toMillis());
            args.add(now);
            args.add(textArray(c, warm));
            // The ranking lives in subqueries (PostgreSQL locks no rows of a query level with window functions or
            // GROUP BY); FOR UPDATE OF j locks only the chosen job's row, and the claimable condition is repeated on
            // j so that a row another worker claimed meanwhile fails it when PostgreSQL rechecks the locked row.
            return Sql.queryOne(c, "UPDATE jobs SET status='running', lease_owner=?, lease_until=?, claimed_at=?, "
                    + "attempts=attempts+1, step=0, total_steps=0 WHERE job_id = (SELECT j.job_id FROM jobs j JOIN "
                    + "(SELECT job_id, ROW_NUMBER() OVER (PARTITION BY COALESCE(brand, '') "
                    + "ORDER BY turn, created_at, rowid) AS brand_rank FROM jobs WHERE " + claimable("")
                    + " AND replay IS NOT NULL AND kind = ANY(?)" + modelFilter + ") due ON due.job_id = j.job_id "
                    + "LEFT JOIN (SELECT COALESCE(brand, '') AS brand_key, MAX(claimed_at) AS served FROM jobs "
                    + "WHERE claimed_at > ? GROUP BY 1) last ON last.brand_key = COALESCE(j.brand, '') "
                    + "WHERE " + claimable("j")
                    + " ORDER BY due.brand_rank, last.served NULLS FIRST, COALESCE(j.model = ANY(?), FALSE) DESC, "
                    + "j.turn, j.created_at, j.rowid LIMIT 1 FOR UPDATE OF j SKIP LOCKED) RETURNING "
                    + DatabaseJobStore.COLUMNS, args, records::map);
        });
    }

    /** Extends this worker's lease; says whether it still holds it and whether a cancel was asked. */
    public Lease renew(String jobId, String workerId, Duration lease) {
        Optional<Integer> cancel = db.write(c -> Sql.queryOne(c, "UPDATE jobs SET lease_until=? WHERE job_id=? AND "
                + "lease_owner=? AND status='running' RETURNING cancel_requested",
                List.of(clock.millis() + lease.toMillis(), jobId, workerId), rs -> rs.getInt(1)));
        return cancel.map(flag -> flag != 0 ? Lease.CANCEL_REQUESTED : Lease.HELD).orElse(Lease.LOST);
    }

    /** Records progress where the bridges read it; ignored when the lease is no longer this worker's. */
    public void progress(String jobId, String workerId, int step, int totalSteps) {
        db.write(c -> Sql.update(c, "UPDATE jobs SET step=?, total_steps=? WHERE job_id=? AND lease_owner=? AND "
                + "status='running'", List.of(step, totalSteps, jobId, workerId)));
    }

    /**
     * Records the outcome of a run, if this worker still holds the job: the one place a claimed job ends. The lease's
     * owner stays on the finished row, as who ran it (per-worker throughput in {@code /metrics}).
     *
     * @return false when the lease was lost (another worker runs it now, or it was cancelled): nothing is written
     */
    public boolean finish(JobRecord finished, String workerId) {
        return db.write(c -> Sql.update(c, "UPDATE jobs SET status=?, step=?, total_steps=?, results=?, error=?, "
                + "finished_at=?, lease_until=NULL WHERE job_id=? AND lease_owner=? AND "
                + "status='running'", Arrays.asList(records.wire(finished.status()), finished.progress().step(),
                finished.progress().totalSteps(), records.write(finished.results()),
                finished.error() == null ? null : records.write(finished.error()),
                finished.finishedAt().toString(), finished.jobId(), workerId))) == 1;
    }

    /**
     * Cancels a job no worker has claimed yet.
     *
     * @return false when a worker has it (then {@link #requestCancel}) or it is already final
     */
    public boolean cancelQueued(JobRecord cancelled) {
        return db.write(c -> Sql.update(c, "UPDATE jobs SET status=?, error=?, finished_at=? WHERE job_id=? AND "
                + "status='queued' AND lease_owner IS NULL", List.of(records.wire(cancelled.status()),
                records.write(cancelled.error()), cancelled.finishedAt().toString(), cancelled.jobId()))) == 1;
    }

    /** Asks the worker running the job to stop at its next step (it reads this when renewing its lease). */
    public void requestCancel(String jobId) {
        db.write(c -> Sql.update(c, "UPDATE jobs SET cancel_requested=1 WHERE job_id=?", List.of(jobId)));
    }

    /** The current records of these jobs, for bridges that relay their progress to sockets. */
    public Map<String, JobRecord> current(Collection<String> jobIds) {
        if (jobIds.isEmpty()) {
            return Map.of();
        }
        return db.read(c -> {
            Map<String, JobRecord> found = new LinkedHashMap<>();
            for (JobRecord r : Sql.query(c, "SELECT " + DatabaseJobStore.COLUMNS + " FROM jobs WHERE job_id = ANY(?)",
                    List.of(textArray(c, jobIds)), records::map)) {
                found.put(r.jobId(), r);
            }
            return found;
        });
    }

    /** Jobs this token has queued or running, on every bridge: the per-token limit counts them all. */
    public int unfinishedOf(String ownerTokenId) {
        return db.read(c -> Sql.queryOne(c, "SELECT COUNT(*) FROM jobs WHERE owner_token=? AND status IN "
                + "('queued','running')", List.of(ownerTokenId), rs -> rs.getInt(1))).orElse(0);
    }

    private static Array textArray(Connection c, Collection<String> values) throws SQLException {
        return c.createArrayOf("text", values.toArray());
    }
}
