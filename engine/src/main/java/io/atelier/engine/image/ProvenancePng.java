package io.atelier.engine.image;

import io.atelier.engine.AdapterSpec;
import io.atelier.engine.GenerationSettings;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageTypeSpecifier;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.metadata.IIOMetadata;
import javax.imageio.metadata.IIOMetadataNode;
import javax.imageio.stream.ImageOutputStream;

/**
 * PNG bytes carrying provenance: XMP (keyword {@code XML:com.adobe.xmp}, in an iTXt chunk) with the IPTC digital
 * source type, the history record id and the model and adapter ids; and, when allowed, AUTOMATIC1111's
 * {@code parameters} text chunk. Written through javax.imageio's PNG metadata, no extra library.
 */
public final class ProvenancePng {
    public static final String XMP_KEYWORD = "XML:com.adobe.xmp";
    public static final String ATELIER_NAMESPACE = "http://ns.atelier.io/provenance/1.0/";
    private static final String PNG_FORMAT = "javax_imageio_png_1.0";

    private ProvenancePng() {
    }

    public static byte[] write(BufferedImage image, Provenance provenance) {
        ImageWriter writer = ImageIO.getImageWritersByFormatName("png").next();
        try (ByteArrayOutputStream bytes = new ByteArrayOutputStream();
             ImageOutputStream out = ImageIO.createImageOutputStream(bytes)) {
            ImageWriteParam param = writer.getDefaultWriteParam();
            IIOMetadata metadata = writer.getDefaultImageMetadata(ImageTypeSpecifier.createFromRenderedImage(image),
                    param);
            IIOMetadataNode root = new IIOMetadataNode(PNG_FORMAT);
            IIOMetadataNode itxt = new IIOMetadataNode("iTXt");
            itxt.appendChild(itxtEntry(XMP_KEYWORD, xmp(provenance)));
            if (provenance.parameters() != null) {
                if (isLatin1(provenance.parameters())) {
                    IIOMetadataNode text = new IIOMetadataNode("tEXt");
                    IIOMetadataNode entry = new IIOMetadataNode("tEXtEntry");
                    entry.setAttribute("keyword", "parameters");
                    entry.setAttribute("value", provenance.parameters());
                    text.appendChild(entry);
                    root.appendChild(text);
                } else {
                    // tEXt is Latin-1 only; readers of A1111 metadata also look for an iTXt "parameters".
                    itxt.appendChild(itxtEntry("parameters", provenance.parameters()));
                }
            }
            root.appendChild(itxt);
            metadata.mergeTree(PNG_FORMAT, root);
            writer.setOutput(out);
            writer.write(null, new IIOImage(image, null, metadata), param);
            out.flush();
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            writer.dispose();
        }
    }

    /**
     * AUTOMATIC1111's parameters text, which most image tools read:
     * {@code prompt \n Negative prompt: … \n Steps: 20, Sampler: DDIM, CFG scale: 5.0, Seed: 42, Size: 128x128, Model: …}.
     * The LoRAs applied go back into the prompt as A1111 writes them ({@code <lora:name:0.8>}, name = file name
     * without {@code .safetensors}), so the text pasted into A1111 asks for them again.
     */
    public static String a1111Parameters(GenerationSettings s, long seed) {
        StringBuilder text = new StringBuilder(s.prompt());
        for (AdapterSpec lora : s.loras()) {
            String name = lora.file().getFileName().toString().replaceFirst("(?i)\\.safetensors$", "");
            text.append(text.length() == 0 ? "" : " ").append("<lora:").append(name).append(':')
                    .append(BigDecimal.valueOf(lora.weight()).stripTrailingZeros().toPlainString()).append('>');
        }
        if (!s.negativePrompt().isEmpty()) {
            text.append("\nNegative prompt: ").append(s.negativePrompt());
        }
        text.append("\nSteps: ").append(s.steps())
                .append(", Sampler: ").append(s.sampler().a1111Name())
                .append(", CFG scale: ").append(String.format(Locale.ROOT, "%.1f", s.guidance()))
                .append(", Seed: ").append(seed)
                .append(", Size: ").append(s.width()).append('x').append(s.height())
                .append(", Model: ").append(s.modelId());
        if (s.redraw()) {
            text.append(", Denoising strength: ").append(String.format(Locale.ROOT, "%.2f", s.strength()));
        }
        return text.toString();
    }

    static String xmp(Provenance p) {
        StringBuilder attributes = new StringBuilder()
                .append("\n    Iptc4xmpExt:DigitalSourceType=\"").append(escape(p.digitalSourceType())).append('"');
        if (p.recordId() != null) {
            attributes.append("\n    atelier:recordId=\"").append(escape(p.recordId())).append('"');
        }
        if (p.modelId() != null) {
            attributes.append("\n    atelier:model=\"").append(escape(p.modelId())).append('"');
        }
        if (p.adapterId() != null) {
            attributes.append("\n    atelier:adapter=\"").append(escape(p.adapterId())).append('"');
        }
        if (p.upscaleOf() != null) {
            attributes.append("\n    atelier:upscaleOf=\"").append(escape(p.upscaleOf())).append('"');
        }
        return "<?xpacket begin=\"\uFEFF\" id=\"W5M0MpCehiHzreSzNTczkc9d\"?>\n"
                + "<x:xmpmeta xmlns:x=\"adobe:ns:meta/\">\n"
                + " <rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\">\n"
                + "  <rdf:Description rdf:about=\"\"\n"
                + "    xmlns:Iptc4xmpExt=\"http://iptc.org/std/Iptc4xmpExt/2008-02-29/\"\n"
                + "    xmlns:atelier=\"" + ATELIER_NAMESPACE + "\"" + attributes + "/>\n"
                + " </rdf:RDF>\n"
                + "</x:xmpmeta>\n"
                + "<?xpacket end=\"w\"?>";
    }

    /** What an image's own XMP says of it, as {@link #write} wrote it; fields absent are null. */
    public record Source(String recordId, String digitalSourceType) {
    }

    /**
     * The record id and digital source type of a PNG this class wrote (its XMP is an uncompressed iTXt, so a scan of
     * the bytes finds it); an image from elsewhere reads as both null.
     */
    public static Source readSource(byte[] png) {
        String text = new String(png, StandardCharsets.ISO_8859_1);
        return new Source(attribute(text, RECORD_ID), attribute(text, SOURCE_TYPE));
    }

    private static final java.util.regex.Pattern RECORD_ID =
            java.util.regex.Pattern.compile("atelier:recordId=\"([A-Za-z0-9_-]{1,64})\"");
    private static final java.util.regex.Pattern SOURCE_TYPE =
            java.util.regex.Pattern.compile("Iptc4xmpExt:DigitalSourceType=\"(http://cv\\.iptc\\.org/newscodes/digitalsourcetype/[A-Za-z]{1,64})\"");

    private static String attribute(String text, java.util.regex.Pattern pattern) {
        java.util.regex.Matcher m = pattern.matcher(text);
        return m.find() ? m.group(1) : null;
    }

    private static IIOMetadataNode itxtEntry(String keyword, String text) {
        IIOMetadataNode entry = new IIOMetadataNode("iTXtEntry");
        entry.setAttribute("keyword", keyword);
        entry.setAttribute("compressionFlag", "FALSE");
        entry.setAttribute("compressionMethod", "0");
        entry.setAttribute("languageTag", "");
        entry.setAttribute("translatedKeyword", "");
        entry.setAttribute("text", text);
        return entry;
    }

    private static boolean isLatin1(String text) {
        return StandardCharsets.ISO_8859_1.newEncoder().canEncode(text) && text.indexOf('\0') < 0;
    }

    private static String escape(String value) {
        return value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
