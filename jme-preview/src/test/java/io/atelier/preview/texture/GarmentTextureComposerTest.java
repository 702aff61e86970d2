package io.atelier.preview.texture;

import io.atelier.preview.garment.GarmentBuilder;
import io.atelier.preview.garment.GarmentKind;
import io.atelier.preview.garment.GarmentModel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.awt.Color;
import java.awt.image.BufferedImage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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

    @Test
    void a_full_bleed_print_is_cloth_everywhere_and_keeps_its_red_and_yellow() {
        BufferedImage print = TestFlats.stripedPrint(512);
        assertFalse(FlatAnalysis.of(print).isFlat(), "its red border is the fabric, not paper");

        BufferedImage atlas = GarmentTextureComposer.compose(print, dress, 512);
        int red = 0;
        int yellow = 0;
        for (int y = 0; y < atlas.getHeight(); y++) {
            for (int x = 0; x < atlas.getWidth(); x++) {
                int rgb = atlas.getRGB(x, y);
                red += ColourCounts.isRed(rgb) ? 1 : 0;
                yellow += ColourCounts.isYellow(rgb) ? 1 : 0;
            }
        }
        double pixels = atlas.getWidth() * atlas.getHeight();
        assertTrue(red / pixels > 0.75, "red share " + red / pixels);
        assertTrue(yellow / pixels > 0.05 && yellow / pixels < 0.25, "yellow share " + yellow / pixels);
        // A sensible scale: one 512 px print spans 35 cm of cloth, so the 1.1 m front panel repeats it about 3 times.
        assertTrue(transitionsBetween(atlas, 256, ColourCounts::isRed, ColourCounts::isYellow) >= 2 * 40,
                "stripes down the front panel: " + transitionsBetween(atlas, 256, ColourCounts::isRed, ColourCounts::isYellow));
    }

    @Test
    void dots_on_white_and_a_plain_swatch_are_fabric_not_flats() {
        BufferedImage dots = new BufferedImage(256, 256, BufferedImage.TYPE_INT_RGB);
        java.awt.Graphics2D g = dots.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, 256, 256);
        g.setColor(new Color(20, 30, 90));
        for (int y = 8; y < 256; y += 32) {
            for (int x = 8; x < 256; x += 32) {
                g.fillOval(x, y, 12, 12);
            }
        }
        g.dispose();
        assertFalse(FlatAnalysis.of(dots).isFlat(), "navy dots on white");
        BufferedImage plain = GarmentTextureComposer.plain(new Color(90, 60, 40), 64);
        assertFalse(FlatAnalysis.of(plain).isFlat(), "plain brown");
        assertTrue(FlatAnalysis.of(flat).isFlat(), "the striped dress on paper is a flat");
        assertTrue(FlatAnalysis.of(TestFlats.noisyPlainDress(256, 1)).isFlat(), "a noisy dress on noisy paper is a flat");
    }

    @Test
    void shaded_paper_is_still_paper() {
        FlatAnalysis a = FlatAnalysis.of(TestFlats.shadedPaperDress(256, 5));
        assertTrue(a.isFlat());
        // the vignetted bottom corners and the shadow under the hem are paper, the skirt's middle is garment
        assertFalse(a.isForeground(4, 250), "vignetted corner");
        assertFalse(a.isForeground(128, 240), "hem shadow");
        assertTrue(a.isForeground(128, 200), "skirt");
        assertTrue(a.bounds().height < 230, "the garment's height, not the shadow's: " + a.bounds());
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void a_flat_on_white_puts_no_paper_where_the_mesh_shows_and_covers_it_with_its_own_colour(boolean shadedPaper) {
        BufferedImage noisy = shadedPaper ? TestFlats.shadedPaperDress(256, 7) : TestFlats.noisyPlainDress(256, 7);
        int size = 512;
        BufferedImage atlas = GarmentTextureComposer.compose(noisy, dress, size);
        FrontCoverage coverage = FrontCoverage.of(dress, size);
        int covered = 0;
        int white = 0;
        int teal = 0;
        for (int y = 0; y < size; y++) {
            for (int x = 0; x < size; x++) {
                if (coverage.covers(x, y)) {
                    covered++;
                    int rgb = atlas.getRGB(x, y);
                    white += ColourCounts.isPaperWhite(rgb) ? 1 : 0;
                    float h = ColourCounts.hue(rgb);
                    teal += h >= 160 && h <= 200 ? 1 : 0;
                }
            }
        }
        assertTrue(covered > size * size / 5, "the dress covers the front square: " + covered);
        assertEquals(0, white, "paper-white pixels on the front of the cloth");
        assertTrue(teal > covered * 0.95, "teal share of the front " + teal / (double) covered);
        // shoulders: the flat's straps are narrow, the form's shoulders wide; the top rows are teal edge to edge
        int[] top = coverage.span(coverage.top() + 8);
        for (int x = top[0]; x <= top[1]; x++) {
            float h = ColourCounts.hue(atlas.getRGB(x, coverage.top() + 8));
            assertTrue(h >= 150 && h <= 210, "shoulder pixel " + x + " hue " + h);
        }
    }

    /** Changes between two colour families down a column. */
    private static int transitionsBetween(BufferedImage img, int x, java.util.function.IntPredicate a,
                                          java.util.function.IntPredicate b) {
        int count = 0;
        Boolean wasA = null;
        for (int y = 0; y < img.getHeight(); y++) {
            int rgb = img.getRGB(x, y);
            Boolean isA = a.test(rgb) ? Boolean.TRUE : b.test(rgb) ? Boolean.FALSE : null;
            if (isA != null) {
                if (wasA != null && !wasA.equals(isA)) {
                    count++;
                }
                wasA = isA;
            }
        }
        return count;
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
