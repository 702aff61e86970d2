package io.atelier.bridge.brands;

import com.fasterxml.jackson.databind.JsonNode;
import io.atelier.brands.history.HistoryEntry;
import io.atelier.brands.history.HistoryRepository;
import io.atelier.brands.history.HistoryStatus;
import io.atelier.bridge.support.Pngs;
import io.atelier.bridge.support.TestBridge;
import io.atelier.micro.flats.FlatSpec;
import io.atelier.micro.flats.FlatsGenerator;
import io.atelier.taxonomy.Taxonomy;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import javax.imageio.ImageIO;
import okhttp3.Request;
import okhttp3.Response;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** brands.*, datasets.*, taxonomy.resolve and history.* over a real bridge on HTTP, with admin and scoped tokens. */
class BrandServicesHttpTest {
    private static TestBridge bridge;
    private static String admin;
    private static String maison;

    @BeforeAll
    static void start() throws Exception {
        bridge = TestBridge.start();
        admin = bridge.adminToken();
        JsonNode created = ok(admin, "brands.create", """
                {"id":"maison","displayName":"Maison Exemple","palette":[{"name":"rouge Exemple","hex":"#B22222"}],
                 "vocabulary":[{"term":"rouge Exemple","lang":"fr","canonical":"@brand"},
                               {"term":"Exemple red","lang":"en","canonical":"@brand"}]}""");
        assertEquals("brand_0", created.path("triggerToken").asText());
        ok(admin, "brands.create", "{\"id\":\"autre\",\"displayName\":\"Autre\",\"policy\":{\"embedPrompt\":false}}");
        maison = bridge.scopedToken("maison");
    }

    @AfterAll
    static void stop() throws Exception {
        bridge.close();
    }

    @Test
    void brands_are_created_read_updated_and_listed_within_the_token_scope() throws Exception {
        JsonNode brand = ok(maison, "brands.get", "{\"brand\":\"maison\"}");
        assertEquals("#b22222", brand.path("palette").get(0).path("hex").asText());
        assertTrue(brand.path("policy").path("embedPrompt").asBoolean());
        assertEquals(List.of("maison"), ids(ok(maison, "brands.list", "{}").path("brands")));
        assertEquals(List.of("autre", "maison"), ids(ok(admin, "brands.list", "{}").path("brands")));
        JsonNode updated = ok(maison, "brands.update", "{\"brand\":\"maison\",\"displayName\":\"Maison Exemple Paris\"}");
        assertEquals("Maison Exemple Paris", updated.path("displayName").asText());
        assertEquals("brand_0", updated.path("triggerToken").asText());
    }

    @Test
    void session_initialize_lists_the_registered_brands_the_token_may_use() throws Exception {
        JsonNode forAdmin = ok(admin, "session.initialize", "{\"clientName\":\"test\",\"clientVersion\":\"1\"}");
        assertEquals(List.of("autre", "maison"), texts(forAdmin.path("brands")));
        JsonNode forMaison = ok(maison, "session.initialize", "{\"clientName\":\"test\",\"clientVersion\":\"1\"}");
        assertEquals(List.of("maison"), texts(forMaison.path("brands")));
    }

    @Test
    void another_brand_reads_exactly_like_a_missing_one() throws Exception {
        for (String[] call : List.of(
                new String[]{"brands.get", "{\"brand\":\"autre\"}", "{\"brand\":\"nobody\"}"},
                new String[]{"brands.update", "{\"brand\":\"autre\",\"displayName\":\"x\"}", "{\"brand\":\"nobody\",\"displayName\":\"x\"}"},
                new String[]{"datasets.list", "{\"brand\":\"autre\"}", "{\"brand\":\"nobody\"}"},
                new String[]{"taxonomy.resolve", "{\"brand\":\"autre\",\"text\":\"robe\"}", "{\"brand\":\"nobody\",\"text\":\"robe\"}"},
                new String[]{"history.get", "{\"id\":\"" + record("autre") + "\"}", "{\"id\":\"hist-0000000000000000\"}"})) {
            JsonNode hidden = bridge.call(maison, call[0], call[1]).path("error");
            JsonNode missing = bridge.call(maison, call[0], call[2]).path("error");
            assertEquals(-32004, hidden.path("code").asInt(), call[0]);
            assertEquals(missing, hidden, call[0] + ": a hidden row must read exactly like a missing one");
        }
    }

    @Test
    void creating_or_deleting_brands_needs_the_admin_token() throws Exception {
        assertEquals(-32003, error(maison, "brands.create", "{\"id\":\"third\",\"displayName\":\"T\"}").path("code").asInt());
        assertEquals(-32003, error(maison, "brands.delete", "{\"brand\":\"maison\"}").path("code").asInt());
    }

    @Test
    void invalid_brand_fields_answer_invalid_params_naming_the_field() throws Exception {
        JsonNode error = error(admin, "brands.create",
                "{\"id\":\"x\",\"displayName\":\"X\",\"palette\":[{\"name\":\"rouge\",\"hex\":\"red\"}]}");
        assertEquals(-32602, error.path("code").asInt());
        assertEquals("palette[0].hex", error.path("data").path("field").asText());
        assertEquals("id", error(admin, "brands.create", "{\"id\":\"Not A Slug\",\"displayName\":\"X\"}")
                .path("data").path("field").asText());
    }

    @Test
    void a_dataset_image_is_added_listed_fetched_deduplicated_and_removed() throws Exception {
        byte[] png = Pngs.solid(12, 10);
        String base64 = Base64.getEncoder().encodeToString(png);
        JsonNode added = ok(maison, "datasets.add", "{\"brand\":\"maison\",\"image\":{\"base64\":\"" + base64
                + "\"},\"caption\":\"robe rouge Exemple\",\"tags\":[\"SS26\"],\"source\":\"robe.png\"}");
        String itemId = added.path("itemId").asText();
        assertFalse(added.path("duplicate").asBoolean());
        JsonNode again = ok(maison, "datasets.add", "{\"brand\":\"maison\",\"image\":{\"base64\":\"" + base64 + "\"}}");
        assertTrue(again.path("duplicate").asBoolean());
        assertEquals(itemId, again.path("itemId").asText());

        JsonNode list = ok(maison, "datasets.list", "{\"brand\":\"maison\"}");
        JsonNode item = list.path("items").get(0);
        assertEquals("robe rouge Exemple", item.path("caption").asText());
        assertEquals(64, list.path("datasetSha256").asText().length());
        String url = item.path("image").path("url").asText();
        assertArrayEquals(png, fetch(maison, url));
        assertEquals(404, status(bridge.scopedToken("autre"), url), "another brand's token cannot fetch it");

        ok(maison, "datasets.remove", "{\"brand\":\"maison\",\"itemId\":\"" + itemId + "\"}");
        assertEquals(-32004, error(maison, "datasets.remove", "{\"brand\":\"maison\",\"itemId\":\"" + itemId + "\"}").path("code").asInt());
    }

    @Test
    void an_image_added_without_caption_gets_one_proposed_from_the_judge_to_confirm() throws Exception {
        BufferedImage flat = FlatsGenerator.sample(FlatSpec.random(21, "dress", "blue", "solid", Taxonomy.standard()),
                FlatsGenerator.DEFAULT_SIZE).image();
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        ImageIO.write(flat, "png", png);
        String base64 = Base64.getEncoder().encodeToString(png.toByteArray());
        JsonNode added = ok(maison, "datasets.add", "{\"brand\":\"maison\",\"image\":{\"base64\":\"" + base64 + "\"}}");
        String proposed = added.path("proposedCaption").asText();
        assertTrue(proposed.startsWith("une robe bleue unie"), proposed);
        JsonNode item = null;
        for (JsonNode candidate : ok(maison, "datasets.list", "{\"brand\":\"maison\"}").path("items")) {
            item = candidate.path("itemId").asText().equals(added.path("itemId").asText()) ? candidate : item;
        }
        assertEquals(proposed, item.path("caption").asText());
        assertTrue(item.path("captionProposed").asBoolean(), item.toString());
        JsonNode resolved = ok(maison, "taxonomy.resolve", "{\"brand\":\"maison\",\"text\":\"" + proposed + "\"}");
        assertTrue(resolved.path("prompt").asText().startsWith("blue solid dress"), resolved.toString());

        // The stylist confirms it with a tag: the caption stays and is no longer "proposed".
        JsonNode confirmed = ok(maison, "datasets.update", "{\"brand\":\"maison\",\"itemId\":\""
                + added.path("itemId").asText() + "\",\"tags\":[\"checked\"]}");
        assertEquals(proposed, confirmed.path("caption").asText());
        assertFalse(confirmed.path("captionProposed").asBoolean());
        assertEquals("checked", confirmed.path("tags").get(0).asText());
        JsonNode rewritten = ok(maison, "datasets.update", "{\"brand\":\"maison\",\"itemId\":\""
                + added.path("itemId").asText() + "\",\"caption\":\"robe rouge Exemple unie\"}");
        assertEquals("robe rouge Exemple unie", rewritten.path("caption").asText());
        assertEquals(-32004, error(bridge.scopedToken("autre"), "datasets.update", "{\"brand\":\"maison\",\"itemId\":\""
                + added.path("itemId").asText() + "\"}").path("code").asInt(), "another brand cannot touch it");
        assertEquals(-32004, error(maison, "datasets.update", "{\"brand\":\"maison\",\"itemId\":\"item-none\"}")
                .path("code").asInt());
        ok(maison, "datasets.remove", "{\"brand\":\"maison\",\"itemId\":\"" + added.path("itemId").asText() + "\"}");
    }

    @Test
    void images_that_are_not_png_or_jpeg_or_too_large_are_refused_with_their_codes() throws Exception {
        String notImage = Base64.getEncoder().encodeToString("GIF89a-nope".getBytes());
        JsonNode invalid = error(maison, "datasets.add", "{\"brand\":\"maison\",\"image\":{\"base64\":\"" + notImage + "\"},\"caption\":\"x\"}");
        assertEquals(-32011, invalid.path("code").asInt());
        assertEquals("image", invalid.path("data").path("field").asText());
        String bomb = Base64.getEncoder().encodeToString(pngHeaderOnly(60_000, 60_000));
        assertEquals(-32005, error(maison, "datasets.add", "{\"brand\":\"maison\",\"image\":{\"base64\":\"" + bomb + "\"},\"caption\":\"x\"}").path("code").asInt());
    }

    @Test
    void taxonomy_resolve_applies_the_brand_vocabulary_in_french_and_english() throws Exception {
        JsonNode fr = ok(maison, "taxonomy.resolve", "{\"brand\":\"maison\",\"text\":\"robe rouge Exemple à pois\",\"lang\":\"fr\"}");
        JsonNode en = ok(maison, "taxonomy.resolve", "{\"brand\":\"maison\",\"text\":\"Exemple red polka dot dress\",\"lang\":\"en\"}");
        assertEquals("brand_0 polka_dots dress", fr.path("prompt").asText());
        assertEquals(fr.path("prompt"), en.path("prompt"));
        assertEquals("brand_0", fr.path("matchedTerms").get(1).path("canonical").asText());
        JsonNode shared = ok(maison, "taxonomy.resolve", "{\"text\":\"robe scintillante\"}");
        assertEquals("dress", shared.path("prompt").asText());
        assertEquals("scintillante", shared.path("unknownTerms").get(0).asText());
    }

    @Test
    void history_is_searched_and_read_within_the_token_scope() throws Exception {
        String mine = record("maison");
        record("autre");
        JsonNode found = ok(maison, "history.search", "{\"text\":\"robe\"}").path("records");
        assertTrue(found.size() >= 1);
        for (JsonNode r : found) {
            assertFalse("autre".equals(r.path("brand").asText()), "another brand's record leaked into search");
        }
        JsonNode record = ok(maison, "history.get", "{\"id\":\"" + mine + "\"}");
        assertEquals("red dress", record.path("resolvedPrompt").asText());
        assertEquals(42, record.path("seed").asLong());
        assertEquals(42, record.path("request").path("seed").asInt());
    }

    private static String record(String brand) {
        String id = HistoryRepository.newId();
        Instant now = Instant.now();
        bridge.bridge().brandStore().history().save(HistoryEntry.builder(id, "images.generate",
                HistoryStatus.SUCCEEDED).jobId("job_1").brand(brand).client("test 1.0")
                .request(Map.of("prompt", "robe rouge", "seed", 42)).prompt("robe rouge", "red dress")
                .model("atelier-micro", null).size(128, 128).sampling(20, 5.0, "ddim", 42L).createdAt(now)
                .finishedAt(now).build());
        return id;
    }

    private static JsonNode ok(String token, String method, String params) throws Exception {
        JsonNode answer = bridge.call(token, method, params);
        assertTrue(answer.has("result"), method + " failed: " + answer);
        return answer.path("result");
    }

    private static JsonNode error(String token, String method, String params) throws Exception {
        JsonNode answer = bridge.call(token, method, params);
        assertTrue(answer.has("error"), method + " should have failed: " + answer);
        return answer.path("error");
    }

    private static List<String> texts(JsonNode array) {
        return java.util.stream.StreamSupport.stream(array.spliterator(), false).map(JsonNode::asText).toList();
    }

    private static List<String> ids(JsonNode brands) {
        return java.util.stream.StreamSupport.stream(brands.spliterator(), false).map(b -> b.path("id").asText()).toList();
    }

    private static byte[] fetch(String token, String path) throws Exception {
        try (Response response = bridge.http().newCall(request(token, path)).execute()) {
            assertEquals(200, response.code());
            return response.body().bytes();
        }
    }

    private static int status(String token, String path) throws Exception {
        try (Response response = bridge.http().newCall(request(token, path)).execute()) {
            return response.code();
        }
    }

    private static Request request(String token, String path) {
        return new Request.Builder().url(bridge.url(path)).header("Authorization", "Bearer " + token).build();
    }

    /** A PNG signature and IHDR claiming width × height, with no pixel data. */
    private static byte[] pngHeaderOnly(int width, int height) {
        java.nio.ByteBuffer ihdr = java.nio.ByteBuffer.allocate(17);
        ihdr.put("IHDR".getBytes()).putInt(width).putInt(height).put((byte) 8).put((byte) 6).put((byte) 0).put((byte) 0).put((byte) 0);
        java.util.zip.CRC32 crc = new java.util.zip.CRC32();
        crc.update(ihdr.array());
        java.nio.ByteBuffer png = java.nio.ByteBuffer.allocate(33);
        png.put(new byte[]{(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'}).putInt(13).put(ihdr.array()).putInt((int) crc.getValue());
        return png.array();
    }
}
