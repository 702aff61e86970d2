package io.atelier.brands.history;

import com.fasterxml.jackson.core.type.TypeReference;
import io.atelier.brands.BrandScope;
import io.atelier.brands.InvalidInputException;
import io.atelier.brands.NotFoundException;
import io.atelier.brands.store.AtelierDatabase;
import io.atelier.brands.store.JsonColumns;
import io.atelier.brands.store.Sql;

import java.security.SecureRandom;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Every job's provenance. Reads take the caller's {@link BrandScope}: another brand's record is not found, and
 * never appears in a search.
 */
public final class HistoryRepository {

    public static final int DEFAULT_LIMIT = 50;
    public static final int MAX_LIMIT = 500;
    /** Each word is one LIKE test on three columns; SQLite caps an expression's depth, so the words are capped too. */
    public static final int MAX_SEARCH_WORDS = 32;
    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() { };
    private static final TypeReference<List<String>> STRINGS = new TypeReference<>() { };
    private static final TypeReference<List<AppliedLora>> LORAS = new TypeReference<>() { };
    private static final Pattern ID = Pattern.compile("hist-[0-9a-f]{16}");
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String COLUMNS = "id, job_id, kind, brand, client, status, request, prompt, resolved_prompt, "
            + "model, model_sha256, adapter, adapter_sha256, adapter_weight, dataset_sha256, width, height, steps, "
            + "guidance, sampler, seed, image_ids, digital_source_type, created_at, finished_at, loras, notes";

    private final AtelierDatabase db;

    public HistoryRepository(AtelierDatabase db) {
        this.db = db;
    }

    /** A fresh record id, known before the job runs so that its PNGs can carry it. */
    public static String newId() {
        byte[] bytes = new byte[8];
        RANDOM.nextBytes(bytes);
        return "hist-" + HexFormat.of().formatHex(bytes);
    }

    /** {@link #save(HistoryEntry, String)} for work nobody in particular asked for (admin tools, demos). */
    public void save(HistoryEntry e) {
        save(e, null);
    }

    /**
     * Inserts or replaces the record with this id (a job saves it when it starts and again when it finishes).
     *
     * @param ownerToken public id of the token that asked; a scoped token reads back its own unbranded records only
     */
    public void save(HistoryEntry e, String ownerToken) {
        if (e.id() == null || !ID.matcher(e.id()).matches()) {
            throw new IllegalArgumentException("history ids come from HistoryRepository.newId()");
        }
        List<Object> args = new ArrayList<>(Arrays.asList(e.id(), e.jobId(), e.kind(), e.brand(), e.client(),
                e.status().code(), JsonColumns.write(e.request()), e.prompt(), e.resolvedPrompt(), e.model(),
                e.modelSha256(), e.adapter(), e.adapterSha256(), e.adapterWeight(), e.datasetSha256(), e.width(),
                e.height(), e.steps(), e.guidance(), e.sampler(), e.seed(), JsonColumns.write(e.imageIds()),
                e.digitalSourceType(), e.createdAt().toString(),
                e.finishedAt() == null ? null : e.finishedAt().toString(),
                e.loras().isEmpty() ? null : JsonColumns.write(e.loras()),
                e.notes().isEmpty() ? null : JsonColumns.write(e.notes()), ownerToken));
        db.write(c -> Sql.upsert(c, "history", "id", COLUMNS + ", owner_token", args));
    }

    /**
     * Marks {@code failed} every record still {@code queued} or {@code running} whose job is not among
     * {@code resumedJobIds}: after a crash, those jobs will never finish, and history must not say they run for ever.
     *
     * @return how many records changed
     */
    public int failUnfinishedExcept(java.util.Collection<String> resumedJobIds, Instant at) {
        List<Object> args = new ArrayList<>(List.of(at.toString()));
        args.addAll(resumedJobIds);
        String notIn = resumedJobIds.isEmpty() ? ""
                : " AND job_id NOT IN (" + String.join(",", java.util.Collections.nCopies(resumedJobIds.size(), "?"))
                + ")";
        return db.write(c -> Sql.update(c, "UPDATE history SET status='failed', finished_at=? WHERE status IN "
                + "('queued','running')" + notIn, args));
    }

    /**
     * Marks {@code failed} the records of one job still {@code queued} or {@code running}: a team's queue gave up on the
     * job (the workers running it died too often), so it will never finish.
     *
     * @return how many records changed
     */
    public int failUnfinishedOf(String jobId, Instant at) {
        return db.write(c -> Sql.update(c, "UPDATE history SET status='failed', finished_at=? WHERE job_id=? AND "
                + "status IN ('queued','running')", List.of(at.toString(), jobId)));
    }

    /** @throws NotFoundException absent or of a brand outside the scope (field {@code id}) */
    public HistoryEntry get(BrandScope scope, String id) {
        if (id == null || !ID.matcher(id).matches()) {
            throw notFound();
        }
        List<Object> args = new ArrayList<>(List.of(id));
        String where = scope.sqlConditionOwned("brand", "owner_token", args);
        return db.read(c -> Sql.queryOne(c, "SELECT " + COLUMNS + " FROM history WHERE id=? AND " + where, args,
                HistoryRepository::map)).orElseThrow(HistoryRepository::notFound);
    }

    /**
     * Records in scope, newest first.
     *
     * @param brandOrNull only this brand (none at all when outside the scope); null for every brand in scope
     * @param textOrNull  words that must all appear in the prompt, resolved prompt or request (case-insensitive)
     * @param limitOrNull at most this many (default {@value #DEFAULT_LIMIT}, at most {@value #MAX_LIMIT})
     * @throws InvalidInputException limit out of range (field {@code limit}), more than {@value #MAX_SEARCH_WORDS}
     *                               words (field {@code text})
     */
    public List<HistoryEntry> search(BrandScope scope, String brandOrNull, String textOrNull, Integer limitOrNull) {
        int limit = limitOrNull == null ? DEFAULT_LIMIT : limitOrNull;
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new InvalidInputException("limit", "limit is between 1 and " + MAX_LIMIT);
        }
        List<Object> args = new ArrayList<>();
        StringBuilder where = new StringBuilder(scope.sqlConditionOwned("brand", "owner_token", args));
        if (brandOrNull != null) {
            where.append(" AND brand = ?");
            args.add(brandOrNull);
        }
        if (textOrNull != null) {
            String[] words = textOrNull.strip().split("\\s+");
            if (words.length > MAX_SEARCH_WORDS) {
                throw new InvalidInputException("text", "search with at most " + MAX_SEARCH_WORDS + " words");
            }
            for (String word : words) {
                if (word.isEmpty()) {
                    continue;
                }
                String like = "%" + word.toLowerCase(Locale.ROOT).replace("\\", "\\\\").replace("%", "\\%")
                        .replace("_", "\\_") + "%";
                where.append(" AND (lower(coalesce(prompt,'')) LIKE ? ESCAPE '\\' OR lower(coalesce(resolved_prompt,''))"
                        + " LIKE ? ESCAPE '\\' OR lower(request) LIKE ? ESCAPE '\\')");
                args.add(like);
                args.add(like);
                args.add(like);
            }
        }
        args.add(limit);
        return db.read(c -> Sql.query(c, "SELECT " + COLUMNS + " FROM history WHERE " + where
                + " ORDER BY created_at DESC, rowid DESC LIMIT ?", args, HistoryRepository::map));
    }

    private static HistoryEntry map(ResultSet rs) throws SQLException {
        String finished = rs.getString("finished_at");
        String loras = rs.getString("loras");
        String notes = rs.getString("notes");
        return new HistoryEntry(rs.getString("id"), rs.getString("job_id"), rs.getString("kind"),
                rs.getString("brand"), rs.getString("client"), HistoryStatus.fromCode(rs.getString("status")),
                JsonColumns.read(rs.getString("request"), MAP), rs.getString("prompt"), rs.getString("resolved_prompt"),
                rs.getString("model"), rs.getString("model_sha256"), rs.getString("adapter"),
                rs.getString("adapter_sha256"), Sql.nullableDouble(rs, "adapter_weight"),
                rs.getString("dataset_sha256"), Sql.nullableInt(rs, "width"), Sql.nullableInt(rs, "height"),
                Sql.nullableInt(rs, "steps"), Sql.nullableDouble(rs, "guidance"), rs.getString("sampler"),
                Sql.nullableLong(rs, "seed"), JsonColumns.read(rs.getString("image_ids"), STRINGS),
                rs.getString("digital_source_type"), Instant.parse(rs.getString("created_at")),
                finished == null ? null : Instant.parse(finished), loras == null ? List.of()
                        : JsonColumns.read(loras, LORAS), notes == null ? List.of() : JsonColumns.read(notes, STRINGS));
    }

    private static NotFoundException notFound() {
        return new NotFoundException("history record", "id");
    }
}
