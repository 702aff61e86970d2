package io.atelier.bridge.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.atelier.brands.BrandScope;
import io.atelier.brands.BrandStore;
import io.atelier.brands.brand.NewBrand;
import io.atelier.bridge.security.TokenStore;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class TokenCommandTest {
    @TempDir
    Path home;

    private String run(String... args) {
        PrintStream original = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            int exit = new CommandLine(new AtelierCli()).execute(args);
            assertEquals(0, exit);
        } finally {
            System.setOut(original);
        }
        return captured.toString(StandardCharsets.UTF_8);
    }

    @Test
    void token_create_prints_the_token_as_its_last_line_and_it_works() throws Exception {
        try (BrandStore store = BrandStore.open(home)) {
            store.brands().create(BrandScope.admin(), new NewBrand("maison", "Maison", null, null, null, null));
        }
        String out = run("token", "create", "--brand", "maison", "--home", home.toString());
        String[] lines = out.strip().split("\\R");
        String token = lines[lines.length - 1];
        assertTrue(token.startsWith("atl_"), out);
        assertTrue(TokenStore.open(home).authenticate(token).orElseThrow().scope().includes("maison"));
    }

    @Test
    void a_token_for_a_brand_that_does_not_exist_is_refused_with_a_sentence_and_nothing_is_issued() throws Exception {
        try (BrandStore store = BrandStore.open(home)) {
            store.brands().create(BrandScope.admin(), new NewBrand("maison", "Maison", null, null, null, null));
        }
        PrintStream originalErr = System.err;
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        int exit;
        try {
            exit = new CommandLine(new AtelierCli()).execute("token", "create", "--brand", "maison", "--brand",
                    "plus-tard", "--home", home.toString());
        } finally {
            System.setErr(originalErr);
        }
        assertEquals(2, exit);
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("No brand plus-tard"), err.toString());
        assertFalse(Files.exists(home.resolve(TokenStore.SCOPED_TOKENS_FILE))
                && Files.readString(home.resolve(TokenStore.SCOPED_TOKENS_FILE)).contains("plus-tard"));
    }

    @Test
    void version_is_printed() {
        assertTrue(run("--version").startsWith("atelier "));
    }
}
