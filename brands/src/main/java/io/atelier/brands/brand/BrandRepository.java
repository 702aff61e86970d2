package io.atelier.brands.brand;

import com.fasterxml.jackson.core.type.TypeReference;
import io.atelier.brands.AdminOnlyException;
import io.atelier.brands.BrandScope;
import io.atelier.brands.InvalidInputException;
import io.atelier.brands.NotFoundException;
import io.atelier.brands.store.AtelierDatabase;
import io.atelier.brands.store.JsonColumns;
import io.atelier.brands.store.Sql;
import io.atelier.taxonomy.Taxonomy;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Brands in the database. Every read and change takes the caller's {@link BrandScope}: a brand outside it answers
 * {@link NotFoundException}, exactly like one that does not exist. Creating and deleting a brand are admin acts
 * (a scoped caller cannot widen or end its own scope). Deleting a brand deletes everything it owns (datasets,
 * images, adapters, history) through the schema's cascades and frees its trigger token.
 */
public final class BrandRepository {

    private static final TypeReference<List<String>> STRINGS = new TypeReference<>() { };
    private static final TypeReference<List<PaletteColour>> PALETTE = new TypeReference<>() { };
    private static final TypeReference<List<VocabularyTerm>> VOCABULARY = new TypeReference<>() { };
    private static final String COLUMNS = "id, display_name, languages, palette, vocabulary, embed_prompt, trigger_token, created_at, updated_at";

    private final AtelierDatabase db;
    private final BrandValidator validator;
    private final Clock clock;

    public BrandRepository(AtelierDatabase db, Taxonomy taxonomy, Clock clock) {
        this.db = db;
        this.validator = new BrandValidator(taxonomy);
        this.clock = clock;
    }

    public BrandRepository(AtelierDatabase db) {
        this(db, Taxonomy.standard(), Clock.systemUTC());
    }

    /**
     * Creates a brand and assigns it the lowest free trigger token.
     *
     * @throws InvalidInputException a field breaks a rule, the id is taken ({@code id}), or all 32 trigger tokens
     *                               are in use ({@code id})
     * @throws AdminOnlyException    the caller is scoped
     */
    public Brand create(BrandScope scope, NewBrand request) {
        if (!scope.isAdmin()) {
            throw new AdminOnlyException("only the admin token can create brands");
        }
        String id = BrandValidator.id(request.id(), "id");
        String displayName = validator.displayName(request.displayName());
        List<String> languages = validator.languages(request.languages());
        List<PaletteColour> palette = validator.palette(request.palette());
        BrandPolicy policy = request.policy() == null ? BrandPolicy.DEFAULT : request.policy();
        return db.write(c -> {
            if (find(c, BrandScope.admin(), id).isPresent()) {
                throw new InvalidInputException("id", "a brand with this id already exists");
            }
            List<String> used = Sql.query(c, "SELECT trigger_token FROM brands", List.of(), rs -> rs.getString(1));
            String token = TriggerTokens.firstFree(used).orElseThrow(() -> new InvalidInputException("id",
                    "this bridge already holds " + TriggerTokens.COUNT + " brands, the most it can teach"));
            List<VocabularyTerm> vocabulary = validator.vocabulary(request.vocabulary(), token);
            Instant now = clock.instant();
            Brand brand = new Brand(id, displayName, languages, palette, vocabulary, policy, token, now, now);
            Sql.update(c, "INSERT INTO brands (" + COLUMNS + ") VALUES (?,?,?,?,?,?,?,?,?)", List.of(
                    id, displayName, JsonColumns.write(languages), JsonColumns.write(palette),
                    JsonColumns.write(vocabulary), policy.embedPrompt() ? 1 : 0, token, now.toString(), now.toString()));
            return brand;
        });
    }

    /** @throws NotFoundException absent or outside the scope (field {@code brand}) */
    public Brand get(BrandScope scope, String id) {
        return db.read(c -> find(c, scope, id)).orElseThrow(BrandRepository::notFound);
    }

    /** The brands in scope, by id. */
    public List<Brand> list(BrandScope scope) {
        List<Object> args = new ArrayList<>();
        String where = scope.sqlCondition("id", args);
        return db.read(c -> Sql.query(c, "SELECT " + COLUMNS + " FROM brands WHERE " + where + " ORDER BY id", args,
                BrandRepository::map));
    }

    /** Applies the non-null fields of {@code changes}. @throws NotFoundException absent or outside the scope */
    public Brand update(BrandScope scope, String id, BrandChanges changes) {
        return db.write(c -> {
            Brand old = find(c, scope, id).orElseThrow(BrandRepository::notFound);
            Brand updated = new Brand(old.id(),
                    changes.displayName() == null ? old.displayName() : validator.displayName(changes.displayName()),
                    changes.languages() == null ? old.languages() : validator.languages(changes.languages()),
                    changes.palette() == null ? old.palette() : validator.palette(changes.palette()),
                    changes.vocabulary() == null ? old.vocabulary()
                            : validator.vocabulary(changes.vocabulary(), old.triggerToken()),
                    changes.policy() == null ? old.policy() : changes.policy(),
                    old.triggerToken(), old.createdAt(), clock.instant());
            Sql.update(c, "UPDATE brands SET display_name=?, languages=?, palette=?, vocabulary=?, embed_prompt=?, "
                    + "updated_at=? WHERE id=?", List.of(updated.displayName(), JsonColumns.write(updated.languages()),
                    JsonColumns.write(updated.palette()), JsonColumns.write(updated.vocabulary()),
                    updated.policy().embedPrompt() ? 1 : 0, updated.updatedAt().toString(), id));
            return updated;
        });
    }

    /**
     * Deletes the brand and all it owns.
     *
     * @throws AdminOnlyException the caller is scoped
     * @throws NotFoundException  absent
     */
    public void delete(BrandScope scope, String id) {
        if (!scope.isAdmin()) {
            throw new AdminOnlyException("only the admin token can delete brands");
        }
        db.write(c -> {
            find(c, scope, id).orElseThrow(BrandRepository::notFound);
            return Sql.update(c, "DELETE FROM brands WHERE id=?", List.of(id));
        });
    }

    /** Looks a brand up inside a transaction of another repository (e.g. to check a dataset's brand exists). */
    public static Optional<Brand> find(Connection c, BrandScope scope, String id) throws SQLException {
        if (id == null || !scope.allows(id)) {
            return Optional.empty();
        }
        return Sql.queryOne(c, "SELECT " + COLUMNS + " FROM brands WHERE id=?", List.of(id), BrandRepository::map);
    }

    /** Throws {@link NotFoundException} unless the brand exists inside the scope. */
    public static void requireVisible(Connection c, BrandScope scope, String id) throws SQLException {
        find(c, scope, id).orElseThrow(BrandRepository::notFound);
    }

    static NotFoundException notFound() {
        return new NotFoundException("brand", "brand");
    }

    private static Brand map(ResultSet rs) throws SQLException {
        return new Brand(rs.getString("id"), rs.getString("display_name"),
                JsonColumns.read(rs.getString("languages"), STRINGS),
                JsonColumns.read(rs.getString("palette"), PALETTE),
                JsonColumns.read(rs.getString("vocabulary"), VOCABULARY),
                new BrandPolicy(rs.getInt("embed_prompt") != 0), rs.getString("trigger_token"),
                Instant.parse(rs.getString("created_at")), Instant.parse(rs.getString("updated_at")));
    }
}
