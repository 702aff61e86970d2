package io.atelier.brands;

import io.atelier.brands.brand.NewBrand;
import io.atelier.brands.brand.VocabularyTerm;
import io.atelier.brands.dataset.NewDatasetItem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

class BrandStoreTest {

    @TempDir
    Path home;

    @Test
    void a_reopened_home_keeps_brands_datasets_and_blobs_and_sweeps_crash_leftovers() throws Exception {
        BrandScope admin = BrandScope.admin();
        try (BrandStore store = BrandStore.open(home)) {
            store.brands().create(admin, new NewBrand("maison", "Maison", null, null,
                    List.of(new VocabularyTerm("rouge Exemple", "fr", VocabularyTerm.TRIGGER_ALIAS)), null));
            store.datasets().add(admin, "maison", new NewDatasetItem(TestImages.png(8, 8, 9), "robe rouge Exemple", null, null));
        }
        Path leftover = home.resolve("blobs/.tmp-crash.part");
        Files.write(leftover, new byte[3]);
        try (BrandStore store = BrandStore.open(home)) {
            assertFalse(Files.exists(leftover));
            assertEquals("brand_0 dress", store.resolver()
                    .resolve(store.brands().get(admin, "maison"), "robe rouge Exemple", null).prompt());
            String imageId = store.datasets().list(admin, "maison").get(0).image().id();
            assertEquals(8, javax.imageio.ImageIO.read(new java.io.ByteArrayInputStream(
                    store.images().bytes(admin, imageId))).getWidth());
        }
    }
}
