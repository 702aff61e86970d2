package io.atelier.engine.image;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.atelier.engine.AdapterSpec;
import io.atelier.engine.GenerationSettings;
import io.atelier.engine.sampler.SamplerKind;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.metadata.IIOMetadataNode;
import javax.imageio.stream.ImageInputStream;
import org.junit.jupiter.api.Test;
import org.w3c.dom.NodeList;

class ProvenancePngTest {
    private static final GenerationSettings SETTINGS = new GenerationSettings("atelier-micro", "red stripes dress",
            "blurry", 128, 128, 20, 5.0, SamplerKind.DDIM, 42L, 1, 1.0, false, false);

    static Map<String, String> textChunks(byte[] png) throws IOException {
        ImageReader reader = ImageIO.getImageReadersByFormatName("png").next();
        try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(png))) {
            reader.setInput(in);
            IIOMetadataNode root = (IIOMetadataNode) reader.getImageMetadata(0).getAsTree("javax_imageio_png_1.0");
            Map<String, String> chunks = new HashMap<>();
            NodeList itxt = root.getElementsByTagName("iTXtEntry");
            for (int i = 0; i < itxt.getLength(); i++) {
                IIOMetadataNode entry = (IIOMetadataNode) itxt.item(i);
                chunks.put("iTXt:" + entry.getAttribute("keyword"), entry.getAttribute("text"));
            }
            NodeList text = root.getElementsByTagName("tEXtEntry");
            for (int i = 0; i < text.getLength(); i++) {
                IIOMetadataNode entry = (IIOMetadataNode) text.item(i);
                chunks.put("tEXt:" + entry.getAttribute("keyword"), entry.getAttribute("value"));
            }
            return chunks;
        } finally {
            reader.dispose();
        }
    }

    @Test
    void generated_png_carries_xmp_source_type_ids_and_a1111_parameters() throws IOException {
        BufferedImage image = new BufferedImage(8, 8, BufferedImage.TYPE_INT_RGB);
        image.setRGB(3, 4, 0x123456);
        String parameters = ProvenancePng.a1111Parameters(SETTINGS, 42L);
        byte[] png = ProvenancePng.write(image, new Provenance("rec-1", "atelier-micro", "brand-a-v3", false,
                parameters));

        Map<String, String> chunks = textChunks(png);
        String xmp = chunks.get("iTXt:XML:com.adobe.xmp");
        assertTrue(xmp.contains("Iptc4xmpExt:DigitalSourceType=\"" + Provenance.TRAINED + "\""), xmp);
        assertTrue(xmp.contains("atelier:recordId=\"rec-1\""), xmp);
        assertTrue(xmp.contains("atelier:model=\"atelier-micro\""), xmp);
        assertTrue(xmp.contains("atelier:adapter=\"brand-a-v3\""), xmp);
        assertEquals("red stripes dress\nNegative prompt: blurry\nSteps: 20, Sampler: DDIM, CFG scale: 5.0, Seed: 42,"
                + " Size: 128x128, Model: atelier-micro", chunks.get("tEXt:parameters"));
        BufferedImage back = ImageIO.read(new ByteArrayInputStream(png));
        assertArrayEquals(image.getRGB(0, 0, 8, 8, null, 0, 8), back.getRGB(0, 0, 8, 8, null, 0, 8));
    }

    @Test
    void applied_loras_go_back_into_the_a1111_prompt() {
        GenerationSettings withLoras = new GenerationSettings("house-sd", "red dress", "", 512, 512, 20, 7.0,
                SamplerKind.DDIM, 1L, 1, 1.0, false, false, null, List.of(
                        new AdapterSpec(Path.of("/h/loras/house.safetensors"), 0.8),
                        new AdapterSpec(Path.of("/h/loras/slider.safetensors"), -1.0)));
        assertEquals("red dress <lora:house:0.8> <lora:slider:-1>\nSteps: 20, Sampler: DDIM, CFG scale: 7.0, Seed: 1,"
                + " Size: 512x512, Model: house-sd", ProvenancePng.a1111Parameters(withLoras, 1L));
    }

    @Test
    void user_pixels_make_a_composite_and_private_prompts_are_not_written() throws IOException {
        byte[] png = ProvenancePng.write(new BufferedImage(4, 4, BufferedImage.TYPE_INT_RGB),
                new Provenance("rec-2", "atelier-micro", null, true, null));
        Map<String, String> chunks = textChunks(png);
        assertTrue(chunks.get("iTXt:XML:com.adobe.xmp").contains(Provenance.COMPOSITE));
        assertNull(chunks.get("tEXt:parameters"));
        assertNull(chunks.get("iTXt:parameters"));
    }
}
