package io.atelier.brands.adapter;

import io.atelier.brands.BrandScope;
import io.atelier.brands.InvalidInputException;
import io.atelier.brands.NotFoundException;
import io.atelier.brands.brand.BrandRepository;
import io.atelier.brands.store.AtelierDatabase;
import io.atelier.brands.store.Sql;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The registry of each brand's adapter versions. A version is registered when training starts, so that a crash or
 * restart leaves a {@link AdapterStatus#TRAINING} row to resume from; it gets a file only when {@link #publish}ed,
 * after the file is completely written, so no half-written adapter is ever applied.
 */
public final class AdapterRepository {

    private static final String COLUMNS = "id, brand, version, status, base_model, base_model_sha256, dataset_sha256, "
            + "dataset_items, steps, steps_done, rank, learning_rate, seed, file_path, file_sha256, created_at, "
            + "finished_at, is_current, evaluation";

    private final AtelierDatabase db;
    private final Clock clock;

    public AdapterRepository(AtelierDatabase db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    /**
     * Registers the brand's next version, in {@link AdapterStatus#TRAINING}.
     *
     * @throws NotFoundException     the brand is absent or outside the scope
     * @throws InvalidInputException a training parameter is out of range (field named after it)
     */
    public AdapterRecord begin(BrandScope scope, String brand, AdapterSpec spec) {
        if (spec.steps() < 1 || spec.steps() > 100_000) {
            throw new InvalidInputException("steps", "steps is between 1 and 100000");
        }
        if (spec.rank() < 1 || spec.rank() > 128) {
            throw new InvalidInputException("rank", "rank is between 1 and 128");
        }
        if (!(spec.learningRate() > 0 && spec.learningRate() < 1)) {
            throw new InvalidInputException("learningRate", "learningRate is above 0 and below 1");
        }
        if (spec.datasetItems() < 1) {
            throw new InvalidInputException("brand", "the brand's dataset is empty: add images before training");
        }
        return db.write(c -> {
            BrandRepository.requireVisible(c, scope, brand);
            int version = Sql.queryOne(c, "SELECT COALESCE(MAX(version), 0) + 1 FROM adapters WHERE brand=?",
                    List.of(brand), rs -> rs.getInt(1)).orElse(1);
            String id = brand + "-v" + version;
            Instant now = clock.instant();
            List<Object> args = new ArrayList<>(Arrays.asList(id, brand, version, AdapterStatus.TRAINING.code(),
                    spec.baseModel(), spec.baseModelSha256(), spec.datasetSha256(), spec.datasetItems(), spec.steps(),
                    0, spec.rank(), spec.learningRate(), spec.seed(), null, null, now.toString(), null, 0, null));
            Sql.update(c, "INSERT INTO adapters (" + COLUMNS + ") VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)", args);
            return find(c, BrandScope.admin(), id).orElseThrow();
        });
    }

    /** Records checkpointed progress of a training adapter. */
    public void progress(String id, int stepsDone) {
        db.write(c -> Sql.update(c, "UPDATE adapters SET steps_done=? WHERE id=? AND status=?",
                List.of(stepsDone, id, AdapterStatus.TRAINING.code())));
    }

    /**
     * Marks a training adapter ready with its completely written file, and makes it the brand's current adapter.
     *
     * @param filePath path of the safetensors file relative to the bridge home
     */
    public AdapterRecord publish(String id, String filePath, String fileSha256) {
        return db.write(c -> {
            AdapterRecord adapter = find(c, BrandScope.admin(), id).orElseThrow(AdapterRepository::notFound);
            if (adapter.status() != AdapterStatus.TRAINING) {
                throw new IllegalStateException("only a training adapter can be published");
            }
            Sql.update(c, "UPDATE adapters SET is_current=0 WHERE brand=?", List.of(adapter.brand()));
            Sql.update(c, "UPDATE adapters SET status=?, file_path=?, file_sha256=?, steps_done=steps, finished_at=?, "
                    + "is_current=1 WHERE id=?", List.of(AdapterStatus.READY.code(), filePath, fileSha256,
                    clock.instant().toString(), id));
            return find(c, BrandScope.admin(), id).orElseThrow();
        });
    }

    /** Ends a training adapter without a file: {@link AdapterStatus#FAILED} or {@link AdapterStatus#CANCELLED}. */
    public void end(String id, AdapterStatus status) {
        if (status != AdapterStatus.FAILED && status != AdapterStatus.CANCELLED) {
            throw new IllegalArgumentException("an adapter ends failed or cancelled; use publish for ready");
        }
        db.write(c -> Sql.update(c, "UPDATE adapters SET status=?, finished_at=? WHERE id=? AND status=?",
                List.of(status.code(), clock.instant().toString(), id, AdapterStatus.TRAINING.code())));
    }

    /** Makes a ready adapter the brand's current one. @throws NotFoundException absent, outside the scope, or not ready */
    public AdapterRecord makeCurrent(BrandScope scope, String id) {
        return db.write(c -> {
            AdapterRecord adapter = find(c, scope, id).filter(a -> a.status() == AdapterStatus.READY)
                    .orElseThrow(AdapterRepository::notFound);
            Sql.update(c, "UPDATE adapters SET is_current=CASE WHEN id=? THEN 1 ELSE 0 END WHERE brand=?", List.of(id, adapter.brand()));
            return find(c, scope, id).orElseThrow();
        });
    }

    /** Stores the latest evaluation (JSON) of an adapter. */
    public void recordEvaluation(String id, String evaluationJson) {
        db.write(c -> Sql.update(c, "UPDATE adapters SET evaluation=? WHERE id=?", List.of(evaluationJson, id)));
    }

    /** @throws NotFoundException absent or outside the scope (field {@code adapter}) */
    public AdapterRecord get(BrandScope scope, String id) {
        return db.read(c -> find(c, scope, id)).orElseThrow(AdapterRepository::notFound);
    }

    /** The brand's versions, newest first. @throws NotFoundException brand absent or outside the scope */
    public List<AdapterRecord> list(BrandScope scope, String brand) {
        return db.read(c -> {
            BrandRepository.requireVisible(c, scope, brand);
            return Sql.query(c, "SELECT " + COLUMNS + " FROM adapters WHERE brand=? ORDER BY version DESC",
                    List.of(brand), AdapterRepository::map);
        });
    }

    /** The brand's current adapter, if it has a ready one. @throws NotFoundException brand absent or outside the scope */
    public Optional<AdapterRecord> current(BrandScope scope, String brand) {
        return db.read(c -> {
            BrandRepository.requireVisible(c, scope, brand);
            return Sql.queryOne(c, "SELECT " + COLUMNS + " FROM adapters WHERE brand=? AND is_current=1 AND status=?",
                    List.of(brand, AdapterStatus.READY.code()), AdapterRepository::map);
        });
    }

    /** Adapters left in training by a crash or restart, oldest first: what the bridge resumes at start-up. */
    public List<AdapterRecord> interrupted() {
        return db.read(c -> Sql.query(c, "SELECT " + COLUMNS + " FROM adapters WHERE status=? ORDER BY created_at",
                List.of(AdapterStatus.TRAINING.code()), AdapterRepository::map));
    }

    private static Optional<AdapterRecord> find(Connection c, BrandScope scope, String id) throws SQLException {
        if (id == null) {
            return Optional.empty();
        }
        List<Object> args = new ArrayList<>(List.of(id));
        String where = scope.sqlCondition("brand", args);
        return Sql.queryOne(c, "SELECT " + COLUMNS + " FROM adapters WHERE id=? AND " + where, args,
                AdapterRepository::map);
    }

    private static AdapterRecord map(ResultSet rs) throws SQLException {
        String finished = rs.getString("finished_at");
        AdapterSpec spec = new AdapterSpec(rs.getString("base_model"), rs.getString("base_model_sha256"),
                rs.getString("dataset_sha256"), rs.getInt("dataset_items"), rs.getInt("steps"), rs.getInt("rank"),
                rs.getDouble("learning_rate"), rs.getLong("seed"));
        return new AdapterRecord(rs.getString("id"), rs.getString("brand"), rs.getInt("version"),
                AdapterStatus.fromCode(rs.getString("status")), spec, rs.getInt("steps_done"),
                rs.getString("file_path"), rs.getString("file_sha256"), Instant.parse(rs.getString("created_at")),
                finished == null ? null : Instant.parse(finished), rs.getInt("is_current") != 0,
                rs.getString("evaluation"));
    }

    private static NotFoundException notFound() {
        return new NotFoundException("adapter", "adapter");
    }
}
