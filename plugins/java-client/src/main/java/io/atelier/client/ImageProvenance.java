package io.atelier.client;

import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a generated PNG says of itself, read on the client side: every image the bridge stores carries XMP with its
 * history record id ({@code atelier:recordId}, see the protocol's data shapes), which {@code history.get} turns into
 * the full record (prompt, brand, model, seed). The XMP is an uncompressed iTXt chunk, so a scan of the bytes finds
 * it without decoding the picture.
 */
public final class ImageProvenance {
    private static final Pattern RECORD_ID = Pattern.compile("atelier:recordId=\"([A-Za-z0-9_-]{1,64})\"");

    private ImageProvenance() {
    }

    /** The history record id of an Atelier PNG; null for an image from elsewhere. */
    public static String recordId(byte[] png) {
        Matcher m = RECORD_ID.matcher(new String(png, StandardCharsets.ISO_8859_1));
        return m.find() ? m.group(1) : null;
    }
}
