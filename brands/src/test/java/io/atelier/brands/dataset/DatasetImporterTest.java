package io.atelier.brands.dataset;

import io.atelier.brands.BrandScope;
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

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DatasetImporterTest {

    @TempDir
    Path home;
    @TempDir
    Path input;
    AtelierDatabase db;
    DatasetRepository datasets;
    DatasetImporter importer;
    final BrandScope admin = BrandScope.admin();

    @BeforeEach
    void open() {
        db = openDatabase(home);
        new BrandRepository(db).create(admin, new NewBrand("maison", "Maison", null, null, null, null));
        ImageRepository images = new ImageRepository(db, new BlobStore(home), new ImageValidator(), Clock.systemUTC());
        datasets = new DatasetRepository(db, images, new ImageValidator(), CaptionProposer.NONE, Clock.systemUTC());
        importer = new DatasetImporter(datasets);
    }

    @AfterEach
    void close() {
        db.close();
    }

    /** A small house archive: captions by .txt and .json sidecars, one without, one duplicate, one broken, one note. */
    static Map<String, byte[]> archive() {
        Map<String, byte[]> files = new LinkedHashMap<>();
        byte[] robe = TestImages.png(32, 32, 0xb22222);
        files.put("robe-01.png", robe);
        files.put("robe-01.txt", "robe rouge Exemple à rayures\n".getBytes(StandardCharsets.UTF_8));
        files.put("sacs/besace-02.JPG", TestImages.jpeg(32, 32, 0x223344));
        files.put("sacs/besace-02.json", """
                {"caption": "besace noire", "tags": ["SS26", "cuir"], "source": "atelier photo"}
                """.getBytes(StandardCharsets.UTF_8));
        files.put("jupe-03.png", TestImages.png(32, 32, 0x445566));
        files.put("robe-01b.png", robe);
        files.put("cassee-04.png", "not a png at all".getBytes(StandardCharsets.UTF_8));
        files.put("LISEZMOI.md", "notes".getBytes(StandardCharsets.UTF_8));
        files.put("__MACOSX/._robe-01.png", new byte[]{0});
        return files;
    }

    @Test
    void a_folder_is_imported_with_sidecar_captions_duplicates_and_rejections_reported() throws IOException {
        for (Map.Entry<String, byte[]> file : archive().entrySet()) {
            Path target = input.resolve(file.getKey());
            Files.createDirectories(target.getParent());
            Files.write(target, file.getValue());
        }
        ByteArrayOutputStream progress = new ByteArrayOutputStream();
        ImportReport report = importer.importFrom(admin, "maison", input, new PrintStream(progress, true, StandardCharsets.UTF_8));
        assertImported(report);
        String bar = progress.toString(StandardCharsets.UTF_8);
        assertTrue(bar.contains("Import") && bar.contains("5/5"), bar);
    }

    @Test
    void a_zip_is_imported_the_same_way() throws IOException {
        Path zip = input.resolve("maison.zip");
        try (OutputStream out = Files.newOutputStream(zip); ZipOutputStream zipOut = new ZipOutputStream(out)) {
            for (Map.Entry<String, byte[]> file : archive().entrySet()) {
                zipOut.putNextEntry(new ZipEntry(file.getKey()));
                zipOut.write(file.getValue());
                zipOut.closeEntry();
            }
        }
        assertImported(importer.importFrom(admin, "maison", zip, null));
    }

    @Test
    void importing_twice_adds_nothing_the_second_time() throws IOException {
        Files.write(input.resolve("a.png"), TestImages.png(8, 8, 1));
        importer.importFrom(admin, "maison", input, null);
        ImportReport again = importer.importFrom(admin, "maison", input, null);
        assertEquals(0, again.added());
        assertEquals(1, again.duplicates());
    }

    @Test
    void a_file_that_is_neither_folder_nor_zip_is_refused() throws IOException {
        Path notZip = Files.writeString(input.resolve("notes.zip"), "hello");
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> importer.importFrom(admin, "maison", notZip, null));
        assertEquals("path", e.field());
        assertThrows(InvalidInputException.class,
                () -> importer.importFrom(admin, "maison", input.resolve("missing"), null));
    }

    @Test
    void a_sub_folder_linked_from_outside_is_not_walked_into(@TempDir Path outside) throws IOException {
        Files.write(outside.resolve("private.png"), TestImages.png(8, 8, 7));
        Files.writeString(outside.resolve("private.txt"), "secret caption");
        Files.createSymbolicLink(input.resolve("linked"), outside);
        Files.write(input.resolve("a.png"), TestImages.png(8, 8, 1));

        ImportReport report = importer.importFrom(admin, "maison", input, null);

        assertEquals(1, report.added());
        assertTrue(datasets.list(admin, "maison").stream().noneMatch(item -> "secret caption".equals(item.caption())));
    }

    @Test
    void an_unknown_brand_is_not_found_before_anything_is_read() {
        assertThrows(NotFoundException.class, () -> importer.importFrom(admin, "nobody", input, null));
    }

    private void assertImported(ImportReport report) {
        assertEquals(3, report.added());
        assertEquals(1, report.duplicates());
        assertEquals(1, report.captionsMissing());
        assertEquals(List.of("cassee-04.png"), report.rejected().stream().map(ImportReport.Rejection::name).toList());
        List<DatasetItem> items = datasets.list(admin, "maison");
        Map<String, DatasetItem> bySource = new LinkedHashMap<>();
        items.forEach(item -> bySource.put(item.source(), item));
        assertEquals("robe rouge Exemple à rayures", bySource.get("robe-01.png").caption());
        DatasetItem besace = bySource.get("atelier photo");
        assertEquals("besace noire", besace.caption());
        assertEquals(List.of("SS26", "cuir"), besace.tags());
        assertEquals("image/jpeg", besace.image().mime());
        assertEquals(null, bySource.get("jupe-03.png").caption());
    }

    /** SQLite under the test's home; {@link DatasetImporterOnPostgresTest} runs every test here on PostgreSQL. */
    AtelierDatabase openDatabase(Path home) {
        return AtelierDatabase.open(home);
    }
}
