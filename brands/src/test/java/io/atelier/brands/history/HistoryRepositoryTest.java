package io.atelier.brands.history;

import io.atelier.brands.BrandScope;
import io.atelier.brands.InvalidInputException;
import io.atelier.brands.NotFoundException;
import io.atelier.brands.brand.BrandRepository;
import io.atelier.brands.brand.NewBrand;
import io.atelier.brands.store.AtelierDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class HistoryRepositoryTest {

    @TempDir
    Path home;
    AtelierDatabase db;
    HistoryRepository history;
    final BrandScope admin = BrandScope.admin();

    @BeforeEach
    void open() {
        db = openDatabase(home);
        new BrandRepository(db).create(admin, new NewBrand("maison", "Maison", null, null, null, null));
        history = new HistoryRepository(db);
    }

    @AfterEach
    void close() {
        db.close();
    }

    static HistoryEntry generation(String brand, String prompt, String resolved, Instant at) {
        HistoryEntry.Builder entry = HistoryEntry.builder(HistoryRepository.newId(), "images.generate",
                        HistoryStatus.RUNNING).jobId("job-" + at.getEpochSecond()).brand(brand)
                .client("krita-plugin 0.1.0")
                .request(Map.of("prompt", prompt, "seed", 42, "steps", 20, "brand", brand == null ? "" : brand))
                .prompt(prompt, resolved).model("atelier-micro", "a".repeat(64)).size(128, 128)
                .sampling(20, 5.0, "ddim", 42L).digitalSourceType("trainedAlgorithmicMedia").createdAt(at);
        if (brand != null) {
            entry.adapter("maison-v1", "b".repeat(64), 0.8, "c".repeat(64));
        }
        return entry.build();
    }

    @Test
    void a_record_keeps_every_parameter_and_its_finish() {
        HistoryEntry started = generation("maison", "robe rouge à rayures", "red stripes dress", Instant.parse("2026-11-22T10:00:00Z"));
        history.save(started);
        assertEquals(started, history.get(admin, started.id()));
        HistoryEntry finished = started.finished(HistoryStatus.SUCCEEDED, List.of("0123456789abcdef0123456789abcdef"),
                Instant.parse("2026-11-22T10:00:07Z"));
        history.save(finished);
        HistoryEntry read = history.get(admin, started.id());
        assertEquals(finished, read);
        assertEquals(42, read.request().get("seed"));
        assertEquals(0.8, read.adapterWeight());
    }

    @Test
    void the_loras_a_generation_applied_are_kept_with_weight_and_hash() {
        HistoryEntry plain = generation(null, "robe", "dress", Instant.parse("2026-11-22T10:00:00Z"));
        List<AppliedLora> loras = List.of(new AppliedLora("house-clasp", 0.8, "d".repeat(64)),
                new AppliedLora("no-blur", -0.5, null));
        HistoryEntry withLoras = HistoryEntry.builder(plain.id(), plain.kind(), plain.status()).jobId(plain.jobId())
                .brand(plain.brand()).client(plain.client()).request(plain.request())
                .prompt(plain.prompt(), plain.resolvedPrompt()).model(plain.model(), plain.modelSha256())
                .size(512, 512).sampling(25, 7.0, "dpmpp_2m", 3L).digitalSourceType(plain.digitalSourceType())
                .createdAt(plain.createdAt()).loras(loras).build();
        history.save(withLoras);
        assertEquals(loras, history.get(admin, plain.id()).loras());
        history.save(plain);
        assertEquals(List.of(), history.get(admin, plain.id()).loras(), "none applied: an empty list, not null");
    }

    @Test
    void search_filters_by_brand_and_words_newest_first_within_the_limit() {
        Instant t = Instant.parse("2026-11-22T10:00:00Z");
        HistoryEntry a = generation("maison", "robe rouge à rayures", "red stripes dress", t);
        HistoryEntry b = generation("maison", "jupe rouge", "red skirt", t.plusSeconds(60));
        HistoryEntry c = generation(null, "robe bleue", "blue dress", t.plusSeconds(120));
        List.of(a, b, c).forEach(history::save);

        assertEquals(List.of(c.id(), b.id(), a.id()), ids(history.search(admin, null, null, null)));
        assertEquals(List.of(b.id(), a.id()), ids(history.search(admin, "maison", null, null)));
        assertEquals(List.of(c.id(), a.id()), ids(history.search(admin, null, "DRESS", null)));
        assertEquals(List.of(a.id()), ids(history.search(admin, null, "rouge dress", null)));
        assertEquals(List.of(c.id()), ids(history.search(admin, null, null, 1)));
        assertEquals(List.of(), ids(history.search(admin, null, "100%", null)));
        assertEquals(List.of(), ids(history.search(admin, "ailleurs", null, null)));
    }

    @Test
    void limits_outside_one_to_five_hundred_are_refused() {
        assertEquals("limit", assertThrows(InvalidInputException.class, () -> history.search(admin, null, null, 0)).field());
        assertEquals("limit", assertThrows(InvalidInputException.class, () -> history.search(admin, null, null, 501)).field());
    }

    @Test
    void an_unknown_id_is_not_found() {
        assertThrows(NotFoundException.class, () -> history.get(admin, "hist-0000000000000000"));
        assertThrows(NotFoundException.class, () -> history.get(admin, "../etc"));
    }

    private static List<String> ids(List<HistoryEntry> entries) {
        return entries.stream().map(HistoryEntry::id).toList();
    }

    @Test
    void a_job_given_up_on_has_its_running_record_failed_and_no_other() {
        HistoryEntry stuck = generation("maison", "robe", "dress", Instant.parse("2026-11-22T10:00:00Z"));
        HistoryEntry other = generation("maison", "jupe", "skirt", Instant.parse("2026-11-22T10:01:00Z"));
        history.save(stuck);
        history.save(other);
        assertEquals(1, history.failUnfinishedOf(stuck.jobId(), Instant.parse("2026-11-22T10:05:00Z")));
        assertEquals(HistoryStatus.FAILED, history.get(admin, stuck.id()).status());
        assertEquals(HistoryStatus.RUNNING, history.get(admin, other.id()).status());
    }

    /** SQLite under the test's home; {@link HistoryRepositoryOnPostgresTest} runs every test here on PostgreSQL. */
    AtelierDatabase openDatabase(Path home) {
        return AtelierDatabase.open(home);
    }
}
