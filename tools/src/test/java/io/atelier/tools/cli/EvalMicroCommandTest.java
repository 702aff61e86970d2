package io.atelier.tools.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.atelier.tools.AtelierTools;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code eval micro} wired end to end: the engine generates from the resolved French and English prompts, the judge
 * scores, the table and the contact sheet come out. Run on the tiny random-weight model with a few prompts, so the
 * rates themselves mean nothing here; the real figures come from running the command on atelier-micro.
 */
class EvalMicroCommandTest {
    @TempDir
    Path home;

    @Test
    void eval_micro_prints_rates_per_language_and_writes_a_contact_sheet() throws Exception {
        Path sheet = home.resolve("sheet.png");
        PrintStream original = System.out;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        int exit;
        try {
            exit = new CommandLine(new AtelierTools()).execute("eval", "micro", "--home", home.toString(),
                    "--model", "atelier-tiny", "--steps", "2", "--limit", "4", "--sheet", sheet.toString());
        } finally {
            System.setOut(original);
        }
        String printed = out.toString(StandardCharsets.UTF_8);
        assertEquals(0, exit, printed);
        assertTrue(printed.contains("on 4 prompts"), printed);
        assertTrue(printed.toLowerCase().contains("colour"), printed);
        assertTrue(printed.contains("fr") || printed.contains("FR"), printed);
        assertTrue(Files.size(sheet) > 0);
        assertTrue(ImageIO.read(sheet.toFile()).getWidth() > 0);
    }
}
