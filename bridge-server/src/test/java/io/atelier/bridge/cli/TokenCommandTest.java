package io.atelier.bridge.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.atelier.bridge.security.TokenStore;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
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
        String out = run("token", "create", "--brand", "maison", "--home", home.toString());
        String[] lines = out.strip().split("\\R");
        String token = lines[lines.length - 1];
        assertTrue(token.startsWith("atl_"), out);
        assertTrue(TokenStore.open(home).authenticate(token).orElseThrow().scope().includes("maison"));
    }

    @Test
    void version_is_printed() {
        assertTrue(run("--version").startsWith("atelier "));
    }
}
