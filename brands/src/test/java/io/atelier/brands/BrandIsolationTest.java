package io.atelier.brands;

import io.atelier.brands.adapter.AdapterRepository;
import io.atelier.brands.adapter.AdapterSpec;
import io.atelier.brands.brand.Brand;
import io.atelier.brands.brand.BrandChanges;
import io.atelier.brands.brand.BrandRepository;
import io.atelier.brands.brand.NewBrand;
import io.atelier.brands.dataset.CaptionProposer;
import io.atelier.brands.dataset.DatasetRepository;
import io.atelier.brands.dataset.NewDatasetItem;
import io.atelier.brands.history.HistoryEntry;
import io.atelier.brands.history.HistoryRepository;
import io.atelier.brands.history.HistoryStatus;
import io.atelier.brands.image.ImageRepository;
import io.atelier.brands.image.ImageValidator;
import io.atelier.brands.image.StoredImage;
import io.atelier.brands.store.AtelierDatabase;
import io.atelier.brands.store.BlobStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * A caller scoped to "maison" must not see, touch or even detect anything of "autre": every such access answers
 * exactly what an absent id answers.
 */
class BrandIsolationTest {

    @TempDir
    Path home;
    AtelierDatabase db;
    BrandRepository brands;
    ImageRepository images;
    DatasetRepository datasets;
    HistoryRepository history;
    final BrandScope admin = BrandScope.admin();
    final BrandScope maison = BrandScope.of(Set.of("maison"));

    @BeforeEach
    void open() {
        db = openDatabase(home);
        brands = new BrandRepository(db);
        images = new ImageRepository(db, new BlobStore(home), new ImageValidator(), Clock.systemUTC());
        datasets = new DatasetRepository(db, images, new ImageValidator(), CaptionProposer.NONE, Clock.systemUTC());
        history = new HistoryRepository(db);
        brands.create(admin, new NewBrand("maison", "Maison", null, null, null, null));
        brands.create(admin, new NewBrand("autre", "Autre", null, null, null, null));
    }

    @AfterEach
    void close() {
        db.close();
    }

    @Test
    void brands_of_another_house_are_not_found() {
        assertEquals(List.of("maison"), brands.list(maison).stream().map(Brand::id).toList());
        assertSameAsAbsent(() -> brands.get(maison, "autre"), () -> brands.get(maison, "nobody"));
        assertSameAsAbsent(() -> brands.update(maison, "autre", new BrandChanges("Mine", null, null, null, null)),
                () -> brands.update(maison, "nobody", new BrandChanges("Mine", null, null, null, null)));
        assertThrows(AdminOnlyException.class, () -> brands.delete(maison, "autre"));
        assertThrows(AdminOnlyException.class, () -> brands.delete(maison, "maison"));
        assertEquals("Autre", brands.get(admin, "autre").displayName());
        assertThrows(AdminOnlyException.class,
                () -> brands.create(maison, new NewBrand("third", "Third", null, null, null, null)));
    }

    @Test
    void datasets_of_another_house_are_not_found() {
        byte[] png = TestImages.png(8, 8, 0x112233);
        String theirItem = datasets.add(admin, "autre", new NewDatasetItem(png, "secret", null, null)).item().itemId();
        assertSameAsAbsent(() -> datasets.list(maison, "autre"), () -> datasets.list(maison, "nobody"));
        assertSameAsAbsent(() -> datasets.add(maison, "autre", new NewDatasetItem(png, "x", null, null)),
                () -> datasets.add(maison, "nobody", new NewDatasetItem(png, "x", null, null)));
        assertSameAsAbsent(() -> datasets.remove(maison, "autre", theirItem), () -> datasets.remove(maison, "nobody", theirItem));
        assertSameAsAbsent(() -> datasets.update(maison, "autre", theirItem, "mine now", null),
                () -> datasets.update(maison, "nobody", theirItem, "mine now", null));
        assertSameAsAbsent(() -> datasets.update(maison, "maison", theirItem, "mine now", null),
                () -> datasets.update(maison, "maison", "item-0", "mine now", null));
        // Naming one's own brand with the other brand's item id does not reach it either.
        assertSameAsAbsent(() -> datasets.remove(maison, "maison", theirItem), () -> datasets.remove(maison, "maison", "item-0"));
        // The same bytes are not a "duplicate" in one's own dataset: nothing leaks that the other house has them.
        assertEquals(false, datasets.add(maison, "maison", new NewDatasetItem(png, "mine", null, null)).duplicate());
        assertEquals(1, datasets.list(admin, "autre").size());
    }

    @Test
    void images_of_another_house_are_not_found_though_their_blob_is_shared() {
        byte[] png = TestImages.png(8, 8, 0x445566);
        StoredImage theirs = images.store(admin, "autre", png, "image");
        StoredImage mine = images.store(maison, "maison", png, "image");
        assertEquals(theirs.sha256(), mine.sha256());
        assertSameAsAbsent(() -> images.get(maison, theirs.id()), () -> images.get(maison, "0".repeat(32)));
        assertSameAsAbsent(() -> images.bytes(maison, theirs.id()), () -> images.bytes(maison, "0".repeat(32)));
        assertSameAsAbsent(() -> images.store(maison, "autre", png, "image"), () -> images.store(maison, "nobody", png, "image"));
        assertEquals(mine, images.get(maison, mine.id()));
        // Brand-less images are everyone's.
        StoredImage shared = images.store(admin, null, TestImages.png(8, 8, 0x778899), "image");
        assertEquals(shared, images.get(maison, shared.id()));
    }

    @Test
    void history_of_another_house_is_not_found_nor_searched() {
        Instant t = Instant.parse("2026-11-22T10:00:00Z");
        HistoryEntry theirs = entry("autre", "robe rouge Autre", t);
        HistoryEntry mine = entry("maison", "robe rouge Maison", t.plusSeconds(1));
        HistoryEntry myUnbranded = entry(null, "robe rouge", t.plusSeconds(2));
        HistoryEntry theirUnbranded = entry(null, "robe rouge essai Autre", t.plusSeconds(3));
        history.save(theirs, "tok-autre");
        history.save(mine, "tok-maison");
        history.save(myUnbranded, "tok-maison");
        history.save(theirUnbranded, "tok-autre");
        BrandScope maisonToken = maison.ownedBy("tok-maison");

        assertSameAsAbsent(() -> history.get(maisonToken, theirs.id()),
                () -> history.get(maisonToken, "hist-0000000000000000"));
        // Another house's unbranded experiments are theirs too: not found, not listed.
        assertSameAsAbsent(() -> history.get(maisonToken, theirUnbranded.id()),
                () -> history.get(maisonToken, "hist-0000000000000000"));
        assertEquals(List.of(myUnbranded.id(), mine.id()),
                history.search(maisonToken, null, "robe", null).stream().map(HistoryEntry::id).toList());
        assertEquals(myUnbranded, history.get(maisonToken, myUnbranded.id()));
        assertEquals(List.of(), history.search(maisonToken, "autre", null, null));
        // A scope that does not say who is asking sees no unbranded record at all.
        assertEquals(List.of(mine.id()), history.search(maison, null, "robe", null).stream().map(HistoryEntry::id).toList());
        assertEquals(4, history.search(admin, null, "robe", null).size());
    }

    @Test
    void deleting_a_brand_deletes_its_datasets_images_adapters_and_history_and_nothing_else() {
        byte[] png = TestImages.png(8, 8, 0x010203);
        String theirImage = datasets.add(admin, "autre", new NewDatasetItem(png, "x", null, null)).item().image().id();
        String myImage = datasets.add(admin, "maison", new NewDatasetItem(png, "x", null, null)).item().image().id();
        HistoryEntry theirs = entry("autre", "robe", Instant.parse("2026-11-22T10:00:00Z"));
        HistoryEntry mine = entry("maison", "robe", Instant.parse("2026-11-22T10:00:01Z"));
        history.save(theirs);
        history.save(mine);
        AdapterRepository adapters = new AdapterRepository(db, Clock.systemUTC());
        adapters.begin(admin, "autre", new AdapterSpec("atelier-micro", null, "d", 1, 10, 4, 1e-3, 1));

        brands.delete(admin, "autre");

        assertThrows(NotFoundException.class, () -> datasets.list(admin, "autre"));
        assertThrows(NotFoundException.class, () -> images.get(admin, theirImage));
        assertThrows(NotFoundException.class, () -> history.get(admin, theirs.id()));
        assertThrows(NotFoundException.class, () -> adapters.get(admin, "autre-v1"));
        assertEquals(1, datasets.list(admin, "maison").size());
        assertEquals(myImage, images.get(admin, myImage).id());
        assertEquals(mine, history.get(admin, mine.id()));
        // The blob is shared by content and still serves the other brand's image.
        assertEquals(png.length, images.bytes(admin, myImage).length);
    }

    private static HistoryEntry entry(String brand, String prompt, Instant at) {
        return HistoryEntry.builder(HistoryRepository.newId(), "images.generate", HistoryStatus.SUCCEEDED)
                .jobId("job").brand(brand).client("test").request(Map.of("prompt", prompt)).prompt(prompt, "red dress")
                .model("atelier-micro", null).size(128, 128).sampling(20, 5.0, "ddim", 1L).createdAt(at)
                .finishedAt(at).build();
    }

    /** Both calls fail with the same exception type, field and message: the caller cannot tell them apart. */
    private static void assertSameAsAbsent(Executable otherBrand, Executable absent) {
        NotFoundException a = assertThrows(NotFoundException.class, otherBrand);
        NotFoundException b = assertThrows(NotFoundException.class, absent);
        assertEquals(b.getMessage(), a.getMessage());
        assertEquals(b.field(), a.field());
    }

    /** SQLite under the test's home; {@link BrandIsolationOnPostgresTest} runs every test here on PostgreSQL. */
    AtelierDatabase openDatabase(Path home) {
        return AtelierDatabase.open(home);
    }
}
