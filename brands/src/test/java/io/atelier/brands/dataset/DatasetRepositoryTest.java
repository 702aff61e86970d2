package io.atelier.brands.dataset;

import io.atelier.brands.BrandScope;
import io.atelier.brands.InvalidImageException;
import io.atelier.brands.InvalidInputException;
import io.atelier.brands.NotFoundException;
import io.atelier.brands.TestImages;
import io.atelier.brands.brand.BrandRepository;
import io.atelier.brands.brand.NewBrand;
import io.atelier.brands.image.ImageRepository;
import io.atelier.brands.image.ImageValidator;
import io.atelier.brands.store.AtelierDatabase;
import io.atelier.brands.store.BlobStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DatasetRepositoryTest {

    @TempDir
    Path home;
    AtelierDatabase db;
    ImageRepository images;
    final BrandScope admin = BrandScope.admin();

    @BeforeEach
    void open() {
        db = openDatabase(home);
        ImageValidator validator = new ImageValidator();
        images = new ImageRepository(db, new BlobStore(home), validator, Clock.systemUTC());
        BrandRepository brands = new BrandRepository(db);
        brands.create(admin, new NewBrand("maison", "Maison", null, null, null, null));
        brands.create(admin, new NewBrand("autre", "Autre", null, null, null, null));
    }

    @AfterEach
    void close() {
        db.close();
    }

    DatasetRepository datasets(CaptionProposer proposer) {
        return new DatasetRepository(db, images, new ImageValidator(), proposer, Clock.systemUTC());
    }

    @Test
    void an_added_image_is_listed_with_its_caption_tags_and_source_and_its_bytes_are_kept() {
        DatasetRepository datasets = datasets(CaptionProposer.NONE);
        byte[] png = TestImages.png(32, 32, 0xaa0000);
        DatasetAddResult added = datasets.add(admin, "maison",
                new NewDatasetItem(png, "  robe rouge\n à rayures ", List.of("SS26", "SS26", "archive"), "robe-01.png"));
        assertFalse(added.duplicate());
        assertEquals(DatasetAddResult.CaptionOutcome.GIVEN, added.caption());
        DatasetItem item = datasets.list(admin, "maison").get(0);
        assertEquals(added.item(), item);
        assertEquals("robe rouge à rayures", item.caption());
        assertEquals(List.of("SS26", "archive"), item.tags());
        assertEquals("robe-01.png", item.source());
        assertEquals(32, item.image().width());
        assertArrayEquals(png, images.bytes(admin, item.image().id()));
    }

    @Test
    void the_same_image_twice_answers_the_existing_item_flagged_as_duplicate() {
        DatasetRepository datasets = datasets(CaptionProposer.NONE);
        byte[] png = TestImages.png(16, 16, 0x00aa00);
        String first = datasets.add(admin, "maison", new NewDatasetItem(png, "robe verte", null, null)).item().itemId();
        DatasetAddResult again = datasets.add(admin, "maison", new NewDatasetItem(png.clone(), "autre légende", null, null));
        assertTrue(again.duplicate());
        assertEquals(first, again.item().itemId());
        assertEquals("robe verte", again.item().caption());
        assertEquals(1, datasets.list(admin, "maison").size());
    }

    @Test
    void the_same_image_in_another_brand_is_not_a_duplicate_there() {
        DatasetRepository datasets = datasets(CaptionProposer.NONE);
        byte[] png = TestImages.png(16, 16, 0x0000aa);
        DatasetAddResult mine = datasets.add(admin, "maison", new NewDatasetItem(png, "a", null, null));
        DatasetAddResult theirs = datasets.add(admin, "autre", new NewDatasetItem(png, "b", null, null));
        assertFalse(theirs.duplicate());
        assertNotEquals(mine.item().image().id(), theirs.item().image().id());
    }

    @Test
    void a_missing_caption_is_proposed_and_flagged_for_confirmation() {
        DatasetRepository datasets = datasets((image, brand) -> Optional.of("robe rouge " + image.getWidth()));
        DatasetAddResult added = datasets.add(admin, "maison", new NewDatasetItem(TestImages.png(24, 24, 1), " ", null, null));
        assertEquals(DatasetAddResult.CaptionOutcome.PROPOSED, added.caption());
        assertEquals("robe rouge 24", added.proposedCaption());
        assertTrue(datasets.list(admin, "maison").get(0).captionProposed());
    }

    @Test
    void updating_confirms_or_rewrites_a_caption_changes_the_dataset_hash_and_keeps_what_is_not_given() {
        DatasetRepository datasets = datasets((image, brand) -> Optional.of("robe rouge"));
        DatasetAddResult added = datasets.add(admin, "maison",
                new NewDatasetItem(TestImages.png(24, 24, 4), null, List.of("SS26"), null));
        String itemId = added.item().itemId();
        String before = datasets.datasetSha256(admin, "maison");

        DatasetItem confirmed = datasets.update(admin, "maison", itemId, null, null);
        assertEquals("robe rouge", confirmed.caption());
        assertFalse(confirmed.captionProposed());
        assertEquals(List.of("SS26"), confirmed.tags());
        assertEquals(before, datasets.datasetSha256(admin, "maison"), "confirming teaches nothing new");

        DatasetItem rewritten = datasets.update(admin, "maison", itemId, "robe rouge à rayures", List.of("archive"));
        assertEquals("robe rouge à rayures", rewritten.caption());
        assertEquals(List.of("archive"), rewritten.tags());
        assertNotEquals(before, datasets.datasetSha256(admin, "maison"), "a new caption is a new dataset");
        assertEquals(rewritten, datasets.get(admin, "maison", itemId));

        assertThrows(NotFoundException.class, () -> datasets.update(admin, "maison", "item-none", "x", null));
        assertEquals("caption", assertThrows(InvalidInputException.class,
                () -> datasets.update(admin, "maison", itemId, "x".repeat(501), null)).field());
    }

    @Test
    void without_a_proposer_a_missing_caption_stays_missing_and_says_so() {
        DatasetAddResult added = datasets(CaptionProposer.NONE)
                .add(admin, "maison", new NewDatasetItem(TestImages.png(24, 24, 2), null, null, null));
        assertEquals(DatasetAddResult.CaptionOutcome.NONE, added.caption());
        assertNull(added.item().caption());
        assertNull(added.proposedCaption());
    }

    @Test
    void an_invalid_image_is_refused_and_nothing_is_stored() throws Exception {
        DatasetRepository datasets = datasets(CaptionProposer.NONE);
        InvalidImageException e = assertThrows(InvalidImageException.class, () -> datasets.add(admin, "maison",
                new NewDatasetItem(TestImages.pngHeaderOnly(50_000, 50_000), "x", null, null)));
        assertTrue(e.tooLarge());
        assertEquals("image", e.field());
        assertTrue(datasets.list(admin, "maison").isEmpty());
        assertFalse(Files.exists(home.resolve("blobs")));
    }

    @Test
    void bad_tags_are_refused_naming_the_tag() {
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> datasets(CaptionProposer.NONE)
                .add(admin, "maison", new NewDatasetItem(TestImages.png(8, 8, 3), "x", List.of("ok", " "), null)));
        assertEquals("tags[1]", e.field());
    }

    @Test
    void remove_deletes_the_item_and_a_second_remove_is_not_found() {
        DatasetRepository datasets = datasets(CaptionProposer.NONE);
        String id = datasets.add(admin, "maison", new NewDatasetItem(TestImages.png(8, 8, 4), "x", null, null)).item().itemId();
        datasets.remove(admin, "maison", id);
        assertTrue(datasets.list(admin, "maison").isEmpty());
        assertThrows(NotFoundException.class, () -> datasets.remove(admin, "maison", id));
    }

    @Test
    void the_dataset_hash_ignores_order_but_not_captions() {
        DatasetRepository datasets = datasets(CaptionProposer.NONE);
        byte[] a = TestImages.png(8, 8, 5);
        byte[] b = TestImages.png(8, 8, 6);
        datasets.add(admin, "maison", new NewDatasetItem(a, "robe", null, null));
        datasets.add(admin, "maison", new NewDatasetItem(b, "jupe", null, null));
        datasets.add(admin, "autre", new NewDatasetItem(b, "jupe", null, null));
        datasets.add(admin, "autre", new NewDatasetItem(a, "robe", null, null));
        assertEquals(datasets.datasetSha256(admin, "maison"), datasets.datasetSha256(admin, "autre"));
        String autreItem = datasets.list(admin, "autre").get(0).itemId();
        datasets.remove(admin, "autre", autreItem);
        datasets.add(admin, "autre", new NewDatasetItem(b, "jupe plissée", null, null));
        assertNotEquals(datasets.datasetSha256(admin, "maison"), datasets.datasetSha256(admin, "autre"));
    }

    @Test
    void an_unknown_brand_is_not_found() {
        NotFoundException e = assertThrows(NotFoundException.class, () -> datasets(CaptionProposer.NONE)
                .add(admin, "nobody", new NewDatasetItem(TestImages.png(8, 8, 7), "x", null, null)));
        assertEquals("brand", e.field());
    }

    /** SQLite under the test's home; {@link DatasetRepositoryOnPostgresTest} runs every test here on PostgreSQL. */
    AtelierDatabase openDatabase(Path home) {
        return AtelierDatabase.open(home);
    }
}
