package io.atelier.preview.texture;

import io.atelier.preview.garment.GarmentBuilder;
import io.atelier.preview.garment.GarmentKind;
import io.atelier.preview.garment.GarmentModel;
import org.junit.jupiter.api.Test;

import java.awt.Color;
import java.awt.image.BufferedImage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class GarmentTextureComposerTest {
    private final GarmentModel dress = GarmentBuilder.forKind(GarmentKind.DRESS).build();
    private final BufferedImage flat = TestFlats.stripedDress(512);

    @Test
    void flat_analysis_finds_the_garment_its_dominant_colour_and_keeps_light_stripes_as_cloth() {
        FlatAnalysis a = FlatAnalysis.of(flat);
        assertEquals(TestFlats.RED.getRGB(), a.dominant().getRGB());
        assertTrue(a.bounds().x >= 128 && a.bounds().x <= 136, "left edge " + a.bounds().x);
        assertTrue(a.bounds().y >= 44 && a.bounds().y <= 52, "top edge " + a.bounds().y);
        // a cream stripe pixel in the middle of the skirt is cloth, not paper
        int stripeY = 28 * 12 + 5;
        assertTrue(a.isForeground(256, stripeY));
        assertTrue(!a.isForeground(20, 20));
    }

    @Test
    void front_panel_shows_the_flat_where_the_mesh_shows_it() {
        BufferedImage atlas = GarmentTextureComposer.compose(flat, dress, 512);
        // The skirt's centre line in the flat maps to x = 0 on the mesh, the middle of the front square.
        int stripes = transitions(atlas, 256, 300, 500);
        assertTrue(stripes >= 8, "stripes crossing the front skirt: " + stripes);
    }

    @Test
    void back_panel_carries_the_dominant_colour_and_the_pattern() {
        BufferedImage atlas = GarmentTextureComposer.compose(flat, dress, 512);
        int red = 0;
        int cream = 0;
        for (int y = 0; y < 512; y += 2) {
            for (int x = 512; x < 1024; x += 2) {
                Color c = new Color(atlas.getRGB(x, y));
                if (close(c, TestFlats.RED)) {
                    red++;
                } else if (close(c, TestFlats.CREAM)) {
                    cream++;
                }
            }
        }
        int total = 256 * 256;
        assertTrue(red > total * 0.35, "red share of the back " + red / (double) total);
        assertTrue(cream > total * 0.15, "cream (stripe) share of the back " + cream / (double) total);
        assertTrue(transitions(atlas, 768, 0, 511) >= 8, "the back repeats the stripes");
    }

    @Test
    void paper_never_shows_on_the_cloth() {
        BufferedImage atlas = GarmentTextureComposer.compose(flat, dress, 256);
        for (int y = 0; y < atlas.getHeight(); y++) {
            for (int x = 0; x < atlas.getWidth(); x++) {
                Color c = new Color(atlas.getRGB(x, y));
                assertTrue(c.getRed() + c.getGreen() + c.getBlue() < 3 * 247, "paper-white pixel at " + x + "," + y);
            }
        }
    }

    @Test
    void a_blank_image_becomes_plain_cloth_of_its_colour() {
        BufferedImage blank = new BufferedImage(64, 64, BufferedImage.TYPE_INT_RGB);
        BufferedImage atlas = GarmentTextureComposer.compose(blank, dress, 64);
        assertEquals(0, atlas.getRGB(10, 10) & 0xFFFFFF);
        assertEquals(0, atlas.getRGB(100, 50) & 0xFFFFFF);
    }

    /** Colour changes between red and cream along a vertical line. */
    private static int transitions(BufferedImage img, int x, int y0, int y1) {
        int count = 0;
        Boolean wasRed = null;
        for (int y = y0; y <= y1; y++) {
            Color c = new Color(img.getRGB(x, y));
            Boolean isRed = close(c, TestFlats.RED) ? Boolean.TRUE : close(c, TestFlats.CREAM) ? Boolean.FALSE : null;
            if (isRed != null) {
                if (wasRed != null && !wasRed.equals(isRed)) {
                    count++;
                }
                wasRed = isRed;
            }
        }
        return count;
    }

    private static boolean close(Color a, Color b) {
        return Math.abs(a.getRed() - b.getRed()) + Math.abs(a.getGreen() - b.getGreen()) + Math.abs(a.getBlue() - b.getBlue()) < 40;
    }
}
