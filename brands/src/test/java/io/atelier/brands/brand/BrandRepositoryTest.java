package io.atelier.brands.brand;

import io.atelier.brands.BrandScope;
import io.atelier.brands.InvalidInputException;
import io.atelier.brands.NotFoundException;
import io.atelier.brands.store.AtelierDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BrandRepositoryTest {

    @TempDir
    Path home;
    AtelierDatabase db;
    BrandRepository brands;
    final BrandScope admin = BrandScope.admin();

    @BeforeEach
    void open() {
        db = openDatabase(home);
        brands = new BrandRepository(db);
    }

    @AfterEach
    void close() {
        db.close();
    }

    static NewBrand maisonExemple() {
        return new NewBrand("maison-exemple", " Maison Exemple ", List.of("fr", "EN"),
                List.of(new PaletteColour("rouge Exemple", "#B22222")),
                List.of(new VocabularyTerm("perfecto", null, "biker_jacket"),
                        new VocabularyTerm("rouge Exemple", "fr", VocabularyTerm.TRIGGER_ALIAS),
                        new VocabularyTerm("Exemple red", "en", "@brand")),
                null);
    }

    @Test
    void a_created_brand_is_normalised_gets_a_trigger_token_and_the_default_policy() {
        Brand created = brands.create(admin, maisonExemple());
        assertEquals("Maison Exemple", created.displayName());
        assertEquals(List.of("fr", "en"), created.languages());
        assertEquals("#b22222", created.palette().get(0).hex());
        assertEquals("brand_0", created.triggerToken());
        assertEquals("brand_0", created.vocabulary().get(1).canonical());
        assertTrue(created.policy().embedPrompt());
        assertEquals(created, brands.get(admin, "maison-exemple"));
    }

    @Test
    void trigger_tokens_are_unique_and_a_deleted_brands_token_is_reused() {
        assertEquals("brand_0", brands.create(admin, new NewBrand("a", "A", null, null, null, null)).triggerToken());
        assertEquals("brand_1", brands.create(admin, new NewBrand("b", "B", null, null, null, null)).triggerToken());
        brands.delete(admin, "a");
        assertEquals("brand_0", brands.create(admin, new NewBrand("c", "C", null, null, null, null)).triggerToken());
    }

    @Test
    void the_thirty_third_brand_is_refused_for_lack_of_trigger_tokens() {
        for (int i = 0; i < TriggerTokens.COUNT; i++) {
            brands.create(admin, new NewBrand("b" + i, "B" + i, null, null, null, null));
        }
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> brands.create(admin, new NewBrand("one-more", "X", null, null, null, null)));
        assertEquals("id", e.field());
    }

    @Test
    void invalid_fields_are_named_in_the_error() {
        assertField("id", new NewBrand("Maison Exemple", "M", null, null, null, null));
        assertField("id", new NewBrand("-maison", "M", null, null, null, null));
        assertField("displayName", new NewBrand("m", "  ", null, null, null, null));
        assertField("languages[1]", new NewBrand("m", "M", List.of("fr", "de"), null, null, null));
        assertField("palette[0].hex", new NewBrand("m", "M", null, List.of(new PaletteColour("rouge", "red")), null, null));
        assertField("palette[1].name", new NewBrand("m", "M", null,
                List.of(new PaletteColour("rouge", "#ff0000"), new PaletteColour("Rouge", "#ee0000")), null, null));
        assertField("vocabulary[0].canonical", new NewBrand("m", "M", null, null,
                List.of(new VocabularyTerm("perfecto", null, "jacket")), null));
        // another brand's learnt token is not this brand's to use
        assertField("vocabulary[0].canonical", new NewBrand("m", "M", null, null,
                List.of(new VocabularyTerm("code", null, "brand_7")), null));
        assertField("vocabulary[0].lang", new NewBrand("m", "M", null, null,
                List.of(new VocabularyTerm("perfecto", "de", "biker_jacket")), null));
        assertTrue(brands.list(admin).isEmpty());
    }

    @Test
    void a_duplicate_id_is_refused() {
        brands.create(admin, maisonExemple());
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> brands.create(admin, maisonExemple()));
        assertEquals("id", e.field());
    }

    @Test
    void update_changes_only_the_given_fields_and_keeps_the_trigger_token() {
        brands.create(admin, maisonExemple());
        Brand updated = brands.update(admin, "maison-exemple",
                new BrandChanges("Maison Exemple Paris", null, null, null, new BrandPolicy(false)));
        assertEquals("Maison Exemple Paris", updated.displayName());
        assertFalse(updated.policy().embedPrompt());
        assertEquals(1, updated.palette().size());
        assertEquals("brand_0", updated.triggerToken());
        assertEquals(updated, brands.get(admin, "maison-exemple"));
    }

    @Test
    void list_and_delete() {
        brands.create(admin, new NewBrand("b", "B", null, null, null, null));
        brands.create(admin, new NewBrand("a", "A", null, null, null, null));
        assertEquals(List.of("a", "b"), brands.list(admin).stream().map(Brand::id).toList());
        brands.delete(admin, "a");
        assertThrows(NotFoundException.class, () -> brands.get(admin, "a"));
        assertThrows(NotFoundException.class, () -> brands.delete(admin, "a"));
    }

    private void assertField(String field, NewBrand request) {
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> brands.create(admin, request));
        assertEquals(field, e.field(), e.getMessage());
    }

    /** SQLite under the test's home; {@link BrandRepositoryOnPostgresTest} runs every test here on PostgreSQL. */
    AtelierDatabase openDatabase(Path home) {
        return AtelierDatabase.open(home);
    }
}
