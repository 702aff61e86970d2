package io.atelier.bridge.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.atelier.bridge.Bridge;
import io.atelier.bridge.BridgeConfig;
import io.atelier.bridge.generate.GeneratingBridge;
import io.atelier.client.AtelierClient;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code atelier capsule} against a running bridge: every file of the capsule lands in {@code --out}. */
class CapsuleCommandTest {
    private static Path home;
    private static Bridge bridge;

    @TempDir
    Path out;

    @BeforeAll
    static void startBridge() throws Exception {
        home = Files.createTempDirectory("atelier-capsule-cli-test-");
        bridge = GeneratingBridge.create(BridgeConfig.defaults(home).withPort(0)
                .withJobLimits(GeneratingBridge.JOB_LIMITS), "atelier-micro").start();
        try (AtelierClient admin = AtelierClient.fromHome(home, bridge.baseUri().toString())) {
            admin.call("brands.create", Map.of("id", "maison", "displayName", "Maison", "languages", List.of("en"),
                    "palette", List.of(Map.of("name", "Maison red", "hex", "#b0182f"),
                            Map.of("name", "Maison navy", "hex", "#1c2a58"))));
        }
    }

    @AfterAll
    static void stopBridge() throws Exception {
        bridge.close();
    }

    @Test
    void capsule_writes_the_flats_contact_sheet_spec_and_pdf_and_prints_where() throws Exception {
        PrintStream original = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        int exit;
        try {
            exit = new CommandLine(new AtelierCli()).execute("capsule", "--brand", "maison", "--looks", "2",
                    "--pieces-per-look", "2", "--categories", "dress,handbag,tshirt", "--seed", "5", "--out",
                    out.toString(), "--home", home.toString(), "--url", bridge.baseUri().toString());
        } finally {
            System.setOut(original);
        }
        List<String> printed = captured.toString(StandardCharsets.UTF_8).lines().toList();
        assertEquals(0, exit, printed.toString());
        assertEquals(2 * 2 + 3, printed.size(), printed.toString());
        for (String name : List.of("look-01-piece-1.png", "look-02-piece-2.png", "contact-sheet.png", "capsule.json",
                "capsule.pdf")) {
            assertTrue(printed.contains(out.resolve(name).toAbsolutePath().toString()), name + " in " + printed);
            assertTrue(Files.size(out.resolve(name)) > 0, name);
        }
        assertTrue(Files.readString(out.resolve("capsule.json")).contains("\"Maison red\""));
        assertTrue(new String(Files.readAllBytes(out.resolve("capsule.pdf")), 0, 5, StandardCharsets.ISO_8859_1)
                .startsWith("%PDF"));
    }

    @Test
    void a_bad_look_count_is_said_in_a_sentence_with_exit_2() {
        PrintStream original = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
        int exit;
        try {
            exit = new CommandLine(new AtelierCli()).execute("capsule", "--brand", "maison", "--looks", "40",
                    "--out", out.toString(), "--home", home.toString(), "--url", bridge.baseUri().toString());
        } finally {
            System.setErr(original);
        }
        assertEquals(2, exit);
        assertTrue(captured.toString(StandardCharsets.UTF_8).contains("looks"), captured.toString());
    }
}
