package io.atelier.bridge.photopea;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;

/**
 * How Photopea learns of the Atelier panel, in one place: the plugin description its <i>Add plugin</i> dialog reads
 * (served at {@value #DESCRIPTOR_PATH}), and the link that opens Photopea with the panel already configured
 * (Photopea's URL-hash JSON, {@code https://www.photopea.com#} + encodeURI of {@code {"environment":{"plugins":[…]}}}).
 * Neither carries a token: the panel asks for it.
 */
public final class PhotopeaPlugin {
    /** Where the bridge serves the panel's static files. */
    public static final String PANEL_PATH = "/plugins/photopea/";
    /** Where the bridge serves the description for Photopea's <i>Add plugin</i> dialog. */
    public static final String DESCRIPTOR_PATH = PANEL_PATH + "plugin.json";
    static final String PHOTOPEA = "https://www.photopea.com";
    // Photopea opens a plugin as a side panel of this size; the panel's layout is one column that fits it.
    static final int WIDTH = 340;
    static final int HEIGHT = 720;

    private static final ObjectMapper JSON = new ObjectMapper();

    private PhotopeaPlugin() {
    }

    /** The plugin description for a bridge at {@code bridgeUrl} (e.g. {@code http://127.0.0.1:7437}). */
    public static ObjectNode descriptor(String bridgeUrl) {
        String base = stripSlash(bridgeUrl);
        ObjectNode plugin = JSON.createObjectNode();
        plugin.put("name", "Atelier");
        plugin.put("url", base + PANEL_PATH);
        plugin.put("icon", base + PANEL_PATH + "icon.png");
        plugin.put("width", WIDTH);
        plugin.put("height", HEIGHT);
        return plugin;
    }

    /** The link that opens Photopea with the Atelier panel among its plugins: the install in one click. */
    public static String photopeaLink(String bridgeUrl) {
        ObjectNode config = JSON.createObjectNode();
        config.putObject("environment").putArray("plugins").add(descriptor(bridgeUrl));
        return PHOTOPEA + "#" + encodeUri(config.toString());
    }

    /**
     * JavaScript's {@code encodeURI}, which Photopea's documentation names for its hash: UTF-8 percent-encoding of
     * everything but letters, digits and {@code ;,/?:@&=+$-_.!~*'()#}.
     */
    static String encodeUri(String text) {
        StringBuilder out = new StringBuilder();
        for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || ";,/?:@&=+$-_.!~*'()#".indexOf(c) >= 0) {
                out.append((char) c);
            } else {
                out.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
            }
        }
        return out.toString();
    }

    private static String stripSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
