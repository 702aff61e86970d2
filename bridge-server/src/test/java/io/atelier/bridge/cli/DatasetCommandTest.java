package io.atelier.bridge.cli;

import io.atelier.brands.BrandScope;
import io.atelier.brands.BrandStore;
import io.atelier.brands.brand.NewBrand;
import io.atelier.bridge.support.Pngs;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DatasetCommandTest {
    @TempDir
    Path home;
    @TempDir
    Path folder;

    @Test
    void dataset_import_adds_the_folder_with_its_captions_and_says_what_it_did() throws Exception {
        try (BrandStore store = BrandStore.open(home)) {
            store.brands().create(BrandScope.admin(), new NewBrand("maison", "Maison", null, null, null, null));
        }
        Files.write(folder.resolve("robe.png"), Pngs.solid(5, 5));
        Files.writeString(folder.resolve("robe.txt"), "robe rouge");
        Files.write(folder.resolve("jupe.png"), Pngs.solid(6, 5));

        PrintStream original = System.out;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        int exit;
        try {
            exit = new CommandLine(new AtelierCli()).execute("dataset", "import", "--brand", "maison",
                    "--home", home.toString(), folder.toString());
        } finally {
            System.setOut(original);
        }
        assertEquals(0, exit);
        assertTrue(out.toString(StandardCharsets.UTF_8).startsWith("Imported 2 image(s) into maison"), out.toString());
        try (BrandStore store = BrandStore.open(home)) {
            assertEquals(2, store.datasets().list(BrandScope.admin(), "maison").size());
        }
    }

    @Test
    void symlinks_in_the_folder_are_refused_and_what_they_point_to_never_read() throws Exception {
        try (BrandStore store = BrandStore.open(home)) {
            store.brands().create(BrandScope.admin(), new NewBrand("maison", "Maison", null, null, null, null));
        }
        // The hostile folder: a caption that is a link to the admin token, and an image that is a link outside.
        Path outside = Files.createTempDirectory("atelier-outside-");
        Path secret = Files.writeString(outside.resolve("token"), "admin-secret-token");
        Path foreignImage = Files.write(outside.resolve("private.png"), Pngs.solid(7, 7));
        Files.write(folder.resolve("robe.png"), Pngs.solid(5, 5));
        Files.createSymbolicLink(folder.resolve("robe.txt"), secret);
        Files.createSymbolicLink(folder.resolve("volee.png"), foreignImage);
        Files.write(folder.resolve("jupe.png"), Pngs.solid(6, 5));

        PrintStream original = System.out;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        int exit;
        try {
            exit = new CommandLine(new AtelierCli()).execute("dataset", "import", "--brand", "maison",
                    "--home", home.toString(), folder.toString());
        } finally {
            System.setOut(original);
        }
        String printed = out.toString(StandardCharsets.UTF_8);
        assertEquals(3, exit, printed);
        assertTrue(printed.contains("refused robe.png") && printed.contains("refused volee.png"), printed);
        assertTrue(printed.contains("symbolic link"), printed);
        try (BrandStore store = BrandStore.open(home)) {
            var items = store.datasets().list(BrandScope.admin(), "maison");
            assertEquals(1, items.size(), "only jupe.png, a plain file, is imported");
            assertTrue(items.stream().noneMatch(item -> "admin-secret-token".equals(item.caption())));
        } finally {
            Files.delete(secret);
            Files.delete(foreignImage);
            Files.delete(outside);
        }
    }

    @Test
    void an_unknown_brand_is_a_sentence_and_exit_code_2() {
        int exit = new CommandLine(new AtelierCli()).execute("dataset", "import", "--brand", "nobody",
                "--home", home.toString(), folder.toString());
        assertEquals(2, exit);
    }
}
