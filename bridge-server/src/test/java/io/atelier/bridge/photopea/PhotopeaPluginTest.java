package io.atelier.bridge.photopea;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.atelier.bridge.security.OriginPolicy;
import io.atelier.bridge.support.TestBridge;
import io.atelier.bridge.support.TestBridge.Answer;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import okhttp3.Request;
import okhttp3.Response;
import org.junit.jupiter.api.Test;

/** How Photopea finds the panel: the link serve prints, the descriptor, the static files, the allowed origins. */
class PhotopeaPluginTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void the_link_opens_photopea_with_the_panel_among_its_plugins() throws Exception {
        String link = PhotopeaPlugin.photopeaLink("http://127.0.0.1:7437");
        assertTrue(link.startsWith("https://www.photopea.com#%7B%22environment%22:%7B%22plugins%22:%5B"), link);
        assertFalse(link.contains(" ") || link.contains("\"") || link.contains("{"), "encodeURI'd: " + link);
        JsonNode plugin = JSON.readTree(URLDecoder.decode(link.substring(link.indexOf('#') + 1), StandardCharsets.UTF_8))
                .path("environment").path("plugins").get(0);
        assertEquals("Atelier", plugin.path("name").asText());
        assertEquals("http://127.0.0.1:7437/plugins/photopea/", plugin.path("url").asText());
        assertEquals("http://127.0.0.1:7437/plugins/photopea/icon.png", plugin.path("icon").asText());
    }

    @Test
    void encode_uri_keeps_what_javascript_keeps_and_encodes_utf8() {
        assertEquals("a-b_c.d!~*'();,/?:@&=+$#", PhotopeaPlugin.encodeUri("a-b_c.d!~*'();,/?:@&=+$#"));
        assertEquals("%7B%22%C3%A9%22%7D%20", PhotopeaPlugin.encodeUri("{\"é\"} "));
    }

    @Test
    void the_bridge_serves_the_panel_and_a_descriptor_naming_its_own_port_with_cors_for_photopea() throws Exception {
        try (TestBridge bridge = TestBridge.start()) {
            Answer descriptor = bridge.send(new Request.Builder().url(bridge.url(PhotopeaPlugin.DESCRIPTOR_PATH))
                    .header("Origin", "https://www.photopea.com").build());
            assertEquals(200, descriptor.code());
            assertEquals("https://www.photopea.com", descriptor.headers().get("Access-Control-Allow-Origin"));
            assertEquals(bridge.url("/plugins/photopea/"), descriptor.body().path("url").asText());
            for (String file : List.of("", "index.html", "panel.css", "errors.js", "bridge-client.js", "pixels.js",
                    "sizing.js", "photopea-document.js", "panel-model.js", "panel-ui.js", "icon.png")) {
                try (Response response = bridge.http().newCall(new Request.Builder()
                        .url(bridge.url("/plugins/photopea/" + file)).build()).execute()) {
                    assertEquals(200, response.code(), file);
                    // No secret: the files never carry the bridge's token.
                    assertFalse(response.body().string().contains(bridge.adminToken()), file);
                }
            }
        }
    }

    @Test
    void an_allowed_origin_must_be_a_bare_origin() {
        assertNull(OriginPolicy.problemWith("http://127.0.0.1:8080"));
        assertNull(OriginPolicy.problemWith("https://editor.example.com/"));
        assertTrue(OriginPolicy.problemWith("https://editor.example.com/panel").contains("no path"));
        assertTrue(OriginPolicy.problemWith("editor.example.com").contains("http"));
        assertTrue(OriginPolicy.problemWith("ftp://x.example").contains("http"));
    }

    @Test
    void serve_allow_origin_lets_that_origin_in_and_no_other() throws Exception {
        try (TestBridge bridge = TestBridge.start(c -> c.withAllowedOrigins(Set.of("http://127.0.0.1:9999")))) {
            Answer allowed = bridge.send(new Request.Builder().url(bridge.url("/rpc")).method("OPTIONS", null)
                    .header("Origin", "http://127.0.0.1:9999").header("Access-Control-Request-Method", "POST")
                    .header("Access-Control-Request-Private-Network", "true").build());
            assertEquals(204, allowed.code());
            assertEquals("true", allowed.headers().get("Access-Control-Allow-Private-Network"));
            Answer refused = bridge.send(new Request.Builder().url(bridge.url(PhotopeaPlugin.DESCRIPTOR_PATH))
                    .header("Origin", "http://127.0.0.1:9998").build());
            assertEquals(403, refused.code());
        }
    }
}
