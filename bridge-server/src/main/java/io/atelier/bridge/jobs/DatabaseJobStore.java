package io.atelier.bridge.jobs;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.atelier.brands.store.AtelierDatabase;
import io.atelier.brands.store.Sql;
import io.atelier.protocol.ImageRef;
import io.atelier.protocol.JobProgress;
import io.atelier.protocol.JobStatus;
import io.atelier.protocol.RpcError;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Job records in the {@code jobs} table of the Atelier database (SQLite or PostgreSQL), beside history. Every {@link #save} is one
 * committed transaction, so a record saved before {@code {jobId}} is returned survives a kill of the process.
 */
public final class DatabaseJobStore implements JobStore {
    static final String COLUMNS = "job_id, kind, owner_token, brand, status, step, total_steps, results, error, "
            + "created_at, finished_at, attempts, replay, client_request_id";
    private static final TypeReference<List<ImageRef>> IMAGE_REFS = new TypeReference<>() { };
    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() { };

    private final AtelierDatabase db;
    private final ObjectMapper json = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    public DatabaseJobStore(AtelierDatabase db) {
        this.db = db;
    }

    @Override
    public void save(JobRecord r) {
        List<Object> args = Arrays.asList(r.jobId(), r.kind(), r.ownerTokenId(), r.brand(), wire(r.status()),
                r.progress().step(), r.progress().totalSteps(), write(r.results()),
                r.error() == null ? null : write(r.error()), r.createdAt().toString(),
                r.finishedAt() == null ? null : r.finishedAt().toString(), r.attempts(),
                r.replay() == null ? null : write(r.replay()), r.clientRequestId());
        db.write(c -> Sql.upsert(c, "jobs", "job_id", COLUMNS, args));
    }

    @Override
    public Optional<JobRecord> find(String jobId) {
        return db.read(c -> Sql.queryOne(c, "SELECT " + COLUMNS + " FROM jobs WHERE job_id=?", List.of(jobId),
                this::map));
    }

    @Override
    public Optional<JobRecord> findByClientRequest(String ownerTokenId, String clientRequestId) {
        return db.read(c -> Sql.queryOne(c, "SELECT " + COLUMNS + " FROM jobs WHERE owner_token=? AND "
                + "client_request_id=?", List.of(ownerTokenId, clientRequestId), this::map));
    }

    @Override
    public List<JobRecord> newestFirst(int max) {
        return db.read(c -> Sql.query(c, "SELECT " + COLUMNS + " FROM jobs ORDER BY created_at DESC, rowid DESC "
                + "LIMIT ?", List.of(max), this::map));
    }

    @Override
    public List<JobRecord> unfinished() {
        return db.read(c -> Sql.query(c, "SELECT " + COLUMNS + " FROM jobs WHERE status IN ('queued','running') "
                + "ORDER BY created_at, rowid", List.of(), this::map));
    }

    @Override
    public int forgetFinishedBefore(Instant cutoff) {
        return db.write(c -> Sql.update(c, "DELETE FROM jobs WHERE finished_at IS NOT NULL AND finished_at < ?",
                List.of(cutoff.toString())));
    }

    /** Jobs waiting to run, by the model they need ("" for any), for {@code /metrics}. */
    public Map<String, Integer> queuedByModel() {
        return db.read(c -> {
            Map<String, Integer> depth = new java.util.LinkedHashMap<>();
            Sql.query(c, "SELECT COALESCE(model, ''), COUNT(*) FROM jobs WHERE status='queued' GROUP BY 1 ORDER BY 1",
                    List.of(), rs -> depth.put(rs.getString(1), rs.getInt(2)));
            return depth;
        });
    }

    /** Finished jobs still kept, by the team worker that ran them (none on a bridge alone), for {@code /metrics}. */
    public Map<String, Integer> finishedByWorker() {
        return db.read(c -> {
            Map<String, Integer> done = new java.util.LinkedHashMap<>();
            Sql.query(c, "SELECT lease_owner, COUNT(*) FROM jobs WHERE lease_owner IS NOT NULL AND status IN "
                    + "('succeeded','failed','cancelled') GROUP BY 1 ORDER BY 1", List.of(),
                    rs -> done.put(rs.getString(1), rs.getInt(2)));
            return done;
        });
    }

    JobRecord map(ResultSet rs) throws SQLException {
        String error = rs.getString("error");
        String finished = rs.getString("finished_at");
        String replay = rs.getString("replay");
        return new JobRecord(rs.getString("job_id"), rs.getString("kind"), rs.getString("owner_token"),
                rs.getString("brand"), read(quoted(rs.getString("status")), JobStatus.class),
                new JobProgress(rs.getInt("step"), rs.getInt("total_steps")),
                read(rs.getString("results"), IMAGE_REFS), error == null ? null : read(error, RpcError.class),
                Instant.parse(rs.getString("created_at")), finished == null ? null : Instant.parse(finished),
                rs.getInt("attempts"), replay == null ? null : read(replay, MAP), rs.getString("client_request_id"));
    }

    String wire(JobStatus status) {
        return write(status).replace("\"", "");
    }

    private static String quoted(String text) {
        return "\"" + text + "\"";
    }

    String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("a job record that cannot be stored as JSON", e);
        }
    }

    private <T> T read(String text, TypeReference<T> type) {
        try {
            return json.readValue(text, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a corrupt job record", e);
        }
    }

    private <T> T read(String text, Class<T> type) {
        try {
            return json.readValue(text, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a corrupt job record", e);
        }
    }
}
