package io.atelier.bridge.capsule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.atelier.bridge.Bridge;
import io.atelier.bridge.BridgeConfig;
import io.atelier.bridge.generate.GeneratingBridge;
import io.atelier.client.AtelierClient;
import io.atelier.client.AtelierRpcException;
import io.atelier.client.AtelierSocket;
import io.atelier.client.NotificationListener;
import io.atelier.micro.judge.Judge;
import io.atelier.micro.judge.JudgeVerdict;
import io.atelier.protocol.ImageRef;
import io.atelier.protocol.JobStatus;
import io.atelier.protocol.JobsFinishedNotification;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code capsules.generate} through the real bridge on atelier-micro, for the demo house: 6 looks of 3 pieces, each
 * read back by the judge as planned in at least 90% of pieces, no two looks alike, every colour from the palette, and
 * a PDF of one page per look that pdftoppm renders.
 */
class CapsulesGenerateTest {
    private static final Duration WAIT = Duration.ofSeconds(240);
    private static Path home;
    private static Bridge bridge;
    private static AtelierClient admin;

    @BeforeAll
    static void start() throws Exception {
        home = Files.createTempDirectory("atelier-capsule-test-");
        bridge = GeneratingBridge.create(BridgeConfig.defaults(home).withPort(0)
                .withJobLimits(GeneratingBridge.JOB_LIMITS), "atelier-micro").start();
        admin = AtelierClient.create(bridge.baseUri().toString(), bridge.tokens().readAdminToken());
        admin.call("brands.create", demoHouse());
        admin.call("brands.create", Map.of("id", "autre", "displayName", "Autre maison"));
    }

    /**
     * The demo house as {@code ./atelier demo brand} creates it (tools' maison-exemple.json): a teal and a gold in its
     * palette, its house words for them.
     */
    private static Map<String, Object> demoHouse() {
        Map<String, Object> create = new LinkedHashMap<>();
        create.put("id", "maison-exemple");
        create.put("displayName", "Maison Exemple");
        create.put("languages", List.of("fr", "en"));
        create.put("palette", List.of(Map.of("name", "vert Exemple", "hex", "#1A8C8C"),
                Map.of("name", "or Exemple", "hex", "#D4AF37")));
        create.put("vocabulary", List.of(
                Map.of("term", "vert Exemple", "lang", "fr", "canonical", "@brand"),
                Map.of("term", "verte Exemple", "lang", "fr", "canonical", "@brand"),
                Map.of("term", "Exemple green", "lang", "en", "canonical", "@brand"),
                Map.of("term", "chaîne dorée", "lang", "fr", "canonical", "@brand"),
                Map.of("term", "gold chain", "lang", "en", "canonical", "@brand")));
        return create;
    }

    @AfterAll
    static void stop() throws Exception {
        admin.close();
        bridge.close();
        try (var paths = Files.walk(home)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    @Test
    void a_capsule_of_six_looks_for_the_demo_house_is_judged_as_planned_and_printed_one_look_a_page()
            throws Exception {
        long started = System.nanoTime();
        JobsFinishedNotification finished;
        try (AtelierSocket socket = admin.openSocket(NotificationListener.NONE)) {
            String jobId = socket.call("capsules.generate", Map.of("brand", "maison-exemple", "looks", 6,
                    "theme", "bord de mer", "seed", 11)).path("jobId").asText();
            finished = socket.awaitFinished(jobId, WAIT);
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        assertEquals(JobStatus.SUCCEEDED, finished.status(), () -> String.valueOf(finished.error()));
        List<ImageRef> results = finished.results();
        assertEquals(6 * 3 + 3, results.size(), "18 flats, contact sheet, JSON, PDF");
        ImageRef sheet = results.get(18);
        ImageRef json = results.get(19);
        ImageRef pdf = results.get(20);
        assertEquals("image/png", sheet.mime());
        assertEquals("application/json", json.mime());
        assertEquals("application/pdf", pdf.mime());

        // The documents follow the images' scope: another house's token reads them as not found, and a document is
        // served under its own extension only.
        try (AtelierClient other = AtelierClient.create(bridge.baseUri().toString(),
                bridge.tokens().createScoped(List.of("autre")).secret())) {
            AtelierRpcException hidden = assertThrows(AtelierRpcException.class, () -> other.fetchImage(json));
            assertEquals(-32004, hidden.code());
        }
        ImageRef asPng = new ImageRef(json.id(), 0, 0, "image/png", "/images/" + json.id() + ".png", json.sha256());
        assertEquals(-32004, assertThrows(AtelierRpcException.class, () -> admin.fetchImage(asPng)).code());

        JsonNode spec = new ObjectMapper().readTree(admin.fetchImage(json));
        JsonNode pieces = spec.path("pieces");
        assertEquals(18, pieces.size());
        Set<String> paletteHexes = Set.of("#1a8c8c", "#d4af37");
        List<Set<String>> looks = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            looks.add(new HashSet<>());
        }
        int agreeing = 0;
        int independentlyAgreeing = 0;
        try (Judge judge = Judge.load()) {
            for (int i = 0; i < 18; i++) {
                JsonNode piece = pieces.get(i);
                // Every colour is a palette entry.
                assertTrue(paletteHexes.contains(piece.path("colour").path("hex").asText()), piece.toString());
                looks.get(piece.path("look").asInt() - 1).add(piece.path("category").path("token").asText() + "|"
                        + piece.path("colour").path("hex").asText() + "|" + piece.path("pattern").path("token")
                        .asText() + "|" + piece.path("details") + "|" + piece.path("material").path("token").asText());
                agreeing += piece.path("judge").path("agrees").asBoolean() ? 1 : 0;
                // The test's own judge, on the flat as delivered: the category the plan asked for.
                BufferedImage flat = ImageIO.read(new ByteArrayInputStream(admin.fetchImage(results.get(i))));
                JudgeVerdict verdict = judge.score(flat);
                independentlyAgreeing += verdict.category().equals(piece.path("category").path("token").asText())
                        ? 1 : 0;
                assertEquals(piece.path("image").asText(), results.get(i).id());
            }
        }
        System.out.printf(Locale.ROOT, "capsule: 6 looks x 3 pieces in %.1f s; judge agreement (category and colour, "
                + "as drawn) %d/18; delivered flats' category %d/18; pattern %s; unsatisfied %s%n", seconds, agreeing,
                independentlyAgreeing, spec.path("patternAgreement").asText(), spec.path("unsatisfied"));
        assertTrue(agreeing >= 17, "judge agreement " + agreeing + "/18 (at least 90%)");
        assertTrue(independentlyAgreeing >= 17, "delivered categories " + independentlyAgreeing + "/18");
        assertEquals(6, new HashSet<>(looks).size(), "no two looks identical: " + looks);

        // The PDF: one page per look, and pdftoppm renders it without error.
        byte[] pdfBytes = admin.fetchImage(pdf);
        String out = System.getenv("ATELIER_CAPSULE_OUT"); // to look at the sheets: ATELIER_CAPSULE_OUT=DIR
        if (out != null) {
            Files.createDirectories(Path.of(out));
            Files.write(Path.of(out, "capsule.pdf"), pdfBytes);
            Files.write(Path.of(out, "contact-sheet.png"), admin.fetchImage(sheet));
            Files.write(Path.of(out, "capsule.json"), admin.fetchImage(json));
        }
        try (PDDocument document = Loader.loadPDF(pdfBytes)) {
            assertEquals(6, document.getNumberOfPages());
        }
        assertPdftoppmRenders(pdfBytes, 6);
    }

    @Test
    void bad_params_are_refused_with_their_field_and_the_bridge_stays_up() {
        assertInvalid(Map.of("brand", "maison-exemple", "looks", 0), "looks");
        assertInvalid(Map.of("brand", "maison-exemple", "looks", 100), "looks");
        assertInvalid(Map.of("brand", "maison-exemple", "looks", 3, "categories", List.of("dress", "cape")),
                "categories");
        assertInvalid(Map.of("brand", "maison-exemple", "looks", 3, "palette", List.of("#12ab")), "palette");
        assertInvalid(Map.of("brand", "maison-exemple", "looks", 3, "piecesPerLook", 9), "piecesPerLook");
        AtelierRpcException missing = assertThrows(AtelierRpcException.class,
                () -> admin.call("capsules.generate", Map.of("brand", "nobody", "looks", 3)));
        assertEquals(-32004, missing.code());
        assertTrue(admin.call("models.list", Map.of()).path("models").size() > 0, "the bridge still answers");
    }

    private static void assertInvalid(Map<String, Object> params, String field) {
        AtelierRpcException e = assertThrows(AtelierRpcException.class, () -> admin.call("capsules.generate", params));
        assertEquals(-32602, e.code(), params.toString());
        assertEquals(field, e.field(), params.toString());
    }

    private static void assertPdftoppmRenders(byte[] pdf, int pages) throws Exception {
        Assumptions.assumeTrue(new File("/usr/bin/pdftoppm").canExecute(), "pdftoppm (poppler-utils) not installed");
        Path dir = Files.createTempDirectory("atelier-capsule-pdf-");
        try {
            Path file = dir.resolve("capsule.pdf");
            Files.write(file, pdf);
            Process process = new ProcessBuilder("/usr/bin/pdftoppm", "-r", "40", "-png", file.toString(),
                    dir.resolve("page").toString()).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes());
            assertTrue(process.waitFor(60, TimeUnit.SECONDS), "pdftoppm took too long");
            assertEquals(0, process.exitValue(), output);
            assertTrue(output.isBlank(), "pdftoppm complained: " + output);
            try (var files = Files.list(dir)) {
                assertEquals(pages, files.filter(p -> p.toString().endsWith(".png")).count());
            }
        } finally {
            try (var paths = Files.walk(dir)) {
                paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }
}
