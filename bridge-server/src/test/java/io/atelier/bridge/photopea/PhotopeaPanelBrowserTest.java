package io.atelier.bridge.photopea;

import static io.atelier.bridge.photopea.LayerPixels.channelDifference;
import static io.atelier.bridge.photopea.LayerPixels.meanDifference;
import static io.atelier.bridge.photopea.LayerPixels.opaqueBounds;
import static io.atelier.bridge.photopea.LayerPixels.png;
import static io.atelier.bridge.photopea.LayerPixels.scaled;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.atelier.bridge.Bridge;
import io.atelier.bridge.BridgeConfig;
import io.atelier.bridge.generate.GeneratingBridge;
import io.atelier.bridge.security.OriginPolicy;
import io.atelier.client.AtelierClient;
import io.atelier.protocol.ImageRef;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * The Photopea panel in real headless Chromium against a real bridge on atelier-micro, inside a STAND-IN for Photopea
 * (photopea-stand-in.html: Photopea's plugin protocol played by a test page, traps included; Photopea itself cannot
 * be loaded here). The stand-in is served from another port than the bridge and allow-listed as photopea.com is, so
 * the panel lives in a cross-origin iframe as it does in Photopea. The steps run in order on one session, as a
 * designer would: connect, generate with progress, cancel, apply as a layer, regenerate a selection, add to a dataset.
 * Screenshots of each step go to target/photopea-screenshots/.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PhotopeaPanelBrowserTest {
    private static final Duration WAIT = Duration.ofSeconds(90);
    private static final Path SHOTS = Path.of("target", "photopea-screenshots");
    // The stand-in's document (photopea-stand-in.html) and the selection the test makes in it.
    private static final int DOC_W = 256;
    private static final int DOC_H = 192;
    private static final int[] SELECTION = {64, 48, 160, 128};

    private Path home;
    private Path profile;
    private StandInHost standIn;
    private StandInHost refusedHost;
    private Bridge bridge;
    private AtelierClient admin;
    private ChromeDriver browser;

    @BeforeAll
    void start() throws Exception {
        if (HeadlessChromium.missing() != null) {
            return;  // every test skips itself with the reason (see requireBrowser)
        }
        profile = Files.createTempDirectory("atelier-chromium-");
        browser = HeadlessChromium.start(profile);
        standIn = new StandInHost();
        refusedHost = new StandInHost();  // another origin, not allow-listed
        home = Files.createTempDirectory("atelier-photopea-test-");
        Set<String> origins = new HashSet<>(OriginPolicy.DEFAULT_ALLOWED);
        origins.add(standIn.origin());  // as `serve --allow-origin` does
        bridge = GeneratingBridge.create(BridgeConfig.defaults(home).withPort(0).withAllowedOrigins(origins)
                .withJobLimits(GeneratingBridge.JOB_LIMITS), null).start();  // null: the embedded atelier-micro
        admin = AtelierClient.create(bridge.baseUri().toString(), bridge.tokens().readAdminToken());
        admin.call("brands.create", Map.of("id", "maison", "displayName", "Maison Exemple", "palette",
                List.of(Map.of("name", "rouge maison", "hex", "#b0302a"), Map.of("name", "bleu nuit", "hex", "#1c2a58"))));
        Files.createDirectories(SHOTS);
        browser.get(standIn.linkFor(bridge.baseUri().toString()));
        inPanel();
        waitFor(() -> browser.findElement(By.id("connect")).isEnabled(), "the panel to load");
    }

    @BeforeEach
    void requireBrowser() {
        assumeTrue(HeadlessChromium.missing() == null, HeadlessChromium.missing());
    }

    @AfterAll
    void stop() throws Exception {
        if (browser != null) {
            browser.quit();
        }
        if (admin != null) {
            admin.close();
        }
        if (bridge != null) {
            bridge.close();
        }
        for (AutoCloseable host : new AutoCloseable[] {standIn, refusedHost}) {
            if (host != null) {
                host.close();
            }
        }
        for (Path dir : new Path[] {home, profile}) {
            if (dir != null) {
                try (var paths = Files.walk(dir)) {
                    paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
                }
            }
        }
    }

    @Test
    @Order(1)
    void the_allow_listed_origin_gets_cors_answers_and_another_origin_is_refused() throws Exception {
        inHost();
        String bridgeUrl = bridge.baseUri().toString();
        // Photopea's Add-plugin dialog reads the descriptor from its own origin: CORS must let it.
        Object descriptor = fetchFromPage("return fetch(arguments[0] + '/plugins/photopea/plugin.json')"
                + ".then(r => r.json()).then(j => j.name + ' ' + j.url)", bridgeUrl);
        assertEquals("Atelier " + bridgeUrl + "/plugins/photopea/", descriptor);
        // A call with a token is preflighted (Authorization, JSON): the bridge answers the preflight for this origin.
        Object version = fetchFromPage("return fetch(arguments[0] + '/rpc', {method: 'POST', headers: {'Content-Type':"
                + " 'application/json', 'Authorization': 'Bearer ' + arguments[1]}, body: JSON.stringify({jsonrpc:"
                + " '2.0', id: 1, method: 'session.initialize', params: {clientName: 'cors-test'}})})"
                + ".then(r => r.json()).then(j => j.result.protocolVersion)", bridgeUrl, token());
        assertTrue(String.valueOf(version).matches("\\d+\\.\\d+\\.\\d+"), "protocolVersion over CORS: " + version);
        browser.get(refusedHost.origin() + "/#" + PhotopeaPlugin.encodeUri("{\"environment\":{\"plugins\":[{\"name\":"
                + "\"x\",\"url\":\"" + bridgeUrl + "/plugins/photopea/\"}]}}"));
        Object refused = fetchFromPage("return fetch(arguments[0] + '/plugins/photopea/plugin.json')"
                + ".then(r => 'answered ' + r.status, e => 'refused')", bridgeUrl);
        assertEquals("refused", refused);
        browser.get(standIn.linkFor(bridgeUrl));
        inPanel();
        waitFor(() -> browser.findElement(By.id("connect")).isEnabled(), "the panel to load again");
    }

    @Test
    @Order(2)
    void connect_says_in_a_sentence_why_a_token_is_refused_then_connects() throws Exception {
        inPanel();
        type("token", "not-the-token");
        click("connect");
        waitFor(() -> message().contains("refused the token"), "a sentence about the token");
        type("token", token());
        click("connect");
        waitFor(() -> message().startsWith("Connected to Atelier"), "the connection");
        assertEquals("atelier-micro", script("return document.getElementById('model').value"));
        // The bridge lists its upscalers (esrgan-slim ships with it) and serves images.upscale: the button shows.
        assertTrue(browser.findElement(By.id("upscale")).isDisplayed());
        type("prompt", "robe rouge à rayures");
        waitFor(() -> !text("understood").equals("—"), "taxonomy.resolve's reading of the prompt");
        assertTrue(text("understood").contains("red"), "understood as: " + text("understood"));
        screenshot("01-connected");
    }

    @Test
    @Order(3)
    void generate_shows_live_progress_and_puts_the_result_in_the_strip() throws Exception {
        inPanel();
        watchProgress();
        click("generate");
        waitFor(() -> results() == 1, "one result in the strip");
        List<?> seen = (List<?>) script("return window.progressSeen");
        assertTrue(seen.stream().anyMatch(s -> String.valueOf(s).matches("step \\d+ / \\d+")),
                "jobs.progress shown while generating: " + seen);
        screenshot("02-generated");
    }

    @Test
    @Order(4)
    void cancel_stops_a_long_generation_and_says_so() throws Exception {
        inPanel();
        browser.findElement(By.cssSelector("details summary")).click();
        type("steps", "150");
        type("count", "2");
        watchProgress();
        click("generate");
        waitFor(() -> text("progress-text").matches("step ([3-9]|\\d\\d+) / 150"), "a few steps of progress");
        waitFor(() -> browser.findElement(By.id("preview")).isDisplayed(), "a live preview");
        screenshot("03-progress");
        click("cancel");
        waitFor(() -> message().equals("Cancelled."), "the cancellation");
        assertEquals(1, results(), "a cancelled job adds nothing to the strip");
        JsonNode cancelled = admin.call("jobs.list", Map.of("status", "cancelled")).path("jobs");
        assertEquals(1, cancelled.size(), "one cancelled job: " + cancelled);
        type("steps", "0");
        type("count", "1");
    }

    @Test
    @Order(5)
    void apply_adds_a_layer_holding_the_result_fitted_to_the_canvas() throws Exception {
        inPanel();
        String resultId = (String) script("return atelierPanel.results[0].ref.id");
        click("apply");
        waitFor(() -> message().equals("Placed as a new layer."), "the layer to be placed");
        inHost();
        assertEquals(2, ((List<?>) script("return standIn.layerNames()")).size());
        BufferedImage layer = png((String) script("return standIn.layerPng(0)"));
        // atelier-micro draws 128×128; contained in 256×192 it is 192×192 at x = 32, with transparent margins.
        byte[] result;
        // A client of its own: the shared one's pooled connection may have been closed by the bridge's idle timeout.
        try (AtelierClient fresh = AtelierClient.create(bridge.baseUri().toString(), token())) {
            result = fresh.fetchImage(new ImageRef(resultId, 128, 128, "image/png", "/images/" + resultId + ".png", null));
        }
        BufferedImage expected = scaled(ImageIO.read(new ByteArrayInputStream(result)), 192, 192);
        assertEquals(0, layer.getRGB(10, 100) >>> 24, "left margin transparent");
        assertEquals(0, layer.getRGB(240, 100) >>> 24, "right margin transparent");
        double difference = meanDifference(layer, 32, 0, expected);
        assertTrue(difference < 10, "the layer holds the result's pixels (mean difference " + difference + ")");
        assertTrue(((List<?>) script("return standIn.errors")).isEmpty(), "no script failed in the stand-in");
        screenshot("04-applied");
    }

    @Test
    @Order(6)
    void regenerate_selection_changes_nothing_outside_the_selection() throws Exception {
        inHost();
        script("standIn.select(arguments[0], arguments[1], arguments[2], arguments[3])",
                SELECTION[0], SELECTION[1], SELECTION[2], SELECTION[3]);
        BufferedImage before = png((String) script("return standIn.compositePng()"));
        inPanel();
        click("regenerate-selection");
        waitFor(() -> results() == 2, "the selection's result");
        click("apply");
        waitFor(() -> message().equals("Placed as a new layer."), "the selection's layer");
        inHost();
        BufferedImage after = png((String) script("return standIn.compositePng()"));
        int changedOutside = 0;
        long changeInside = 0;
        for (int y = 0; y < DOC_H; y++) {
            for (int x = 0; x < DOC_W; x++) {
                boolean inside = x >= SELECTION[0] && x < SELECTION[2] && y >= SELECTION[1] && y < SELECTION[3];
                int d = channelDifference(before.getRGB(x, y), after.getRGB(x, y));
                if (inside) {
                    changeInside += d;
                } else if (d != 0) {
                    changedOutside++;
                }
            }
        }
        assertEquals(0, changedOutside, "pixels changed outside the selection");
        assertTrue(changeInside > 0, "the selection was redrawn");
        assertEquals(3, ((List<?>) script("return standIn.layerNames()")).size());
        screenshot("05-selection");
    }

    @Test
    @Order(7)
    void generate_with_a_selection_places_the_result_on_the_selection_bounds() throws Exception {
        inPanel();
        click("generate");
        waitFor(() -> results() == 3, "the third result");
        click("apply");
        waitFor(() -> message().equals("Placed as a new layer."), "the layer on the selection");
        inHost();
        // The 96×80 selection holds the square result contained: 80×80, centred, at x = 64 + 8.
        int[] bounds = opaqueBounds(png((String) script("return standIn.layerPng(0)")));
        assertEquals(List.of(72, 48, 152, 128), List.of(bounds[0], bounds[1], bounds[2], bounds[3]));
    }

    @Test
    @Order(8)
    void redraw_covers_the_whole_document_with_a_new_layer() throws Exception {
        inHost();
        script("standIn.deselect()");
        int layers = ((List<?>) script("return standIn.layerNames()")).size();
        inPanel();
        click("redraw");
        waitFor(() -> results() == 4, "the redraw's result");
        click("apply");
        waitFor(() -> message().equals("Placed as a new layer."), "the redraw's layer");
        inHost();
        assertEquals(layers + 1, ((List<?>) script("return standIn.layerNames()")).size());
        int[] bounds = opaqueBounds(png((String) script("return standIn.layerPng(0)")));
        assertEquals(List.of(0, 0, DOC_W, DOC_H), List.of(bounds[0], bounds[1], bounds[2], bounds[3]));
        script("standIn.select(arguments[0], arguments[1], arguments[2], arguments[3])",
                SELECTION[0], SELECTION[1], SELECTION[2], SELECTION[3]);
    }

    @Test
    @Order(9)
    void add_to_dataset_sends_the_selection_with_the_edited_caption() throws Exception {
        inPanel();
        choose("brand", "maison");
        click("propose-caption");
        waitFor(() -> !browser.findElement(By.id("caption")).getAttribute("value").isBlank(), "a proposed caption");
        String caption = browser.findElement(By.id("caption")).getAttribute("value") + ", archive piece";
        type("caption", caption);
        click("add-dataset");
        waitFor(() -> message().startsWith("Added to the maison dataset"), "the dataset addition");
        JsonNode items = admin.call("datasets.list", Map.of("brand", "maison")).path("items");
        assertEquals(1, items.size());
        assertEquals(caption, items.get(0).path("caption").asText());
        assertEquals("photopea", items.get(0).path("source").asText());
        // The selection, not the whole layer, is what was added.
        assertEquals(SELECTION[2] - SELECTION[0], items.get(0).path("image").path("width").asInt());
        screenshot("06-dataset");
        inHost();
        assertTrue(((Number) script("return standIn.strays")).intValue() > 10, "the stand-in sent its stray messages");
    }

    @Test
    @Order(10)
    void upscale_enlarges_the_document_twice_through_the_bridge_s_esrgan() throws Exception {
        inPanel();
        int before = results();
        click("upscale");
        waitFor(() -> results() == before + 1, "the upscaled document in the strip");
        assertEquals((2 * DOC_W) + "x" + (2 * DOC_H), script("var r = atelierPanel.results["
                + "atelierPanel.results.length - 1].ref; return r.width + 'x' + r.height"));
        assertTrue(message().startsWith("Upscaled"), message());
    }

    @Test
    @Order(11)
    void capsule_places_the_contact_sheet_over_one_hidden_layer_per_look() throws Exception {
        inHost();
        int layers = ((List<?>) script("return standIn.layerNames()")).size();
        inPanel();
        choose("brand", "maison");
        type("capsule-looks", "2");
        click("capsule");
        waitFor(() -> message().startsWith("Capsule of 2 looks placed"), "the capsule in the document");
        inHost();
        List<?> names = (List<?>) script("return standIn.layerNames()");
        assertEquals(layers + 3, names.size(), names::toString);
        assertEquals(List.of("Capsule · maison", "Look 2", "Look 1"), names.subList(0, 3), "top first");
        assertEquals(List.of(true, false, false), script("return app.activeDocument.layers.slice(0, 3)"
                + ".map(function (l) { return l.visible; })"));
        screenshot("11-capsule");
    }

    @Test
    @Order(12)
    void sizes_follow_the_nearest_aspect_rule_shared_with_the_krita_docker() {
        inPanel();
        // An A4 portrait canvas with SD-1.x-like sizes: the portrait bucket; atelier-micro: its only size.
        assertEquals("512x768", script("var s = nearestDrawable([{width: 512, height: 512}, {width: 768, height: 512},"
                + " {width: 512, height: 768}], 2480, 3508); return s.width + 'x' + s.height"));
        assertEquals("128x128", script("var s = nearestDrawable(drawableSizes({nativeWidth: 128, nativeHeight: 128}),"
                + " 2480, 3508); return s.width + 'x' + s.height"));
        // A 100×50 selection on a large canvas: 25 px of context, grown to a square, drawn at full model size.
        assertEquals("975,950,150,150 at 128", script("var n = selectionNeighbourhood([1000, 1000, 1100, 1050], 2480,"
                + " 3508, [{width: 128, height: 128}]); return [n.box.x, n.box.y, n.box.w, n.box.h].join(',') + ' at '"
                + " + n.size.width"));
        // Contain: a square result in a 256×192 box is 192×192, centred.
        assertEquals("32,0,192,192", script("var r = containRect(128, 128, 256, 192); return [r.x, r.y, r.w, r.h].join(',')"));
    }

    @Test
    @Order(13)
    void on_a_half_a4_canvas_the_model_draws_at_its_own_size_and_the_result_is_fitted_whole() throws Exception {
        inHost();
        script("standIn.newDocument(1240, 1754)");
        inPanel();
        int before = results();
        click("generate");
        waitFor(() -> results() == before + 1, "the result on the large canvas");
        // Asked at atelier-micro's only drawable size, not at the canvas's: one whole garment, no twins.
        assertEquals("128x128", script("var r = atelierPanel.results[atelierPanel.results.length - 1].ref;"
                + " return r.width + 'x' + r.height"));
        click("apply");
        waitFor(() -> message().equals("Placed as a new layer."), "the layer on the large canvas");
        inHost();
        int[] bounds = opaqueBounds(png((String) script("return standIn.layerPng(0)")));
        assertEquals(List.of(0, 257, 1240, 1497), List.of(bounds[0], bounds[1], bounds[2], bounds[3]));
    }

    @Test
    @Order(14)
    void a_small_selection_on_a_large_canvas_is_redrawn_at_model_size_and_nothing_outside_changes() throws Exception {
        inHost();
        int[] selection = {600, 800, 700, 880};
        script("standIn.select(arguments[0], arguments[1], arguments[2], arguments[3])",
                selection[0], selection[1], selection[2], selection[3]);
        BufferedImage before = png((String) script("return standIn.compositePng()"));
        inPanel();
        int count = results();
        click("regenerate-selection");
        waitFor(() -> results() == count + 1, "the selection's result on the large canvas");
        // The 100×80 selection and its context (150×130) are drawn at the model's full 128×128.
        assertEquals("128x128", script("var r = atelierPanel.results[atelierPanel.results.length - 1].ref;"
                + " return r.width + 'x' + r.height"));
        click("apply");
        waitFor(() -> message().equals("Placed as a new layer."), "the selection's layer on the large canvas");
        inHost();
        BufferedImage after = png((String) script("return standIn.compositePng()"));
        int changedOutside = 0;
        long changeInside = 0;
        for (int y = 0; y < after.getHeight(); y++) {
            for (int x = 0; x < after.getWidth(); x++) {
                boolean inside = x >= selection[0] && x < selection[2] && y >= selection[1] && y < selection[3];
                int d = channelDifference(before.getRGB(x, y), after.getRGB(x, y));
                if (inside) {
                    changeInside += d;
                } else if (d != 0) {
                    changedOutside++;
                }
            }
        }
        assertEquals(0, changedOutside, "pixels changed outside the selection");
        assertTrue(changeInside > 0, "the selection was redrawn");
        screenshot("07-large-canvas-selection");
    }

    // ---- helpers --------------------------------------------------------------------------------------------------

    private String token() throws Exception {
        return bridge.tokens().readAdminToken();
    }

    private void inPanel() {
        browser.switchTo().defaultContent();
        browser.switchTo().frame(browser.findElement(By.id("plugin")));
    }

    private void inHost() {
        browser.switchTo().defaultContent();
    }

    private Object script(String code, Object... args) {
        return ((JavascriptExecutor) browser).executeScript(code, args);
    }

    private Object fetchFromPage(String promiseCode, Object... args) {
        String wrapped = "var done = arguments[arguments.length - 1]; var args = Array.prototype.slice.call(arguments, 0,"
                + " -1); (function () { " + promiseCode + "; }).apply(null, args).then(done, e => done('error ' + e));";
        return ((JavascriptExecutor) browser).executeAsyncScript(wrapped, args);
    }

    /** Records every text the progress line shows, from now on (what the designer sees, not the model's state). */
    private void watchProgress() {
        script("window.progressSeen = []; new MutationObserver(() => window.progressSeen.push("
                + "document.getElementById('progress-text').textContent)).observe("
                + "document.getElementById('progress-text'), {childList: true, characterData: true, subtree: true});");
    }

    private void type(String id, String value) {
        WebElement field = browser.findElement(By.id(id));
        field.clear();
        field.sendKeys(value);
        script("arguments[0].dispatchEvent(new Event('change'))", field);
    }

    private void choose(String selectId, String value) {
        script("var s = document.getElementById(arguments[0]); s.value = arguments[1];"
                + " s.dispatchEvent(new Event('change'));", selectId, value);
    }

    private void click(String id) {
        waitFor(() -> browser.findElement(By.id(id)).isEnabled(), id + " to be enabled");
        browser.findElement(By.id(id)).click();
    }

    private String text(String id) {
        return browser.findElement(By.id(id)).getText();
    }

    private String message() {
        return text("message");
    }

    private int results() {
        return browser.findElements(By.cssSelector("#results img")).size();
    }

    private void waitFor(Supplier<Boolean> condition, String what) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!Boolean.TRUE.equals(condition.get())) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("Timed out waiting for " + what + "; the panel says: " + safeMessage());
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted");
            }
        }
    }

    private String safeMessage() {
        try {
            inPanel();
            return message();
        } catch (RuntimeException e) {
            return "(unreadable: " + e.getMessage() + ")";
        }
    }

    /** The stand-in's page and the panel as a designer sees them: scrolled to the top, then back to the panel. */
    private void screenshot(String name) throws Exception {
        inHost();
        script("window.scrollTo(0, 0)");
        Files.write(SHOTS.resolve(name + ".png"), browser.getScreenshotAs(OutputType.BYTES));
        inPanel();
    }
}
