package io.atelier.brands.palette;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.atelier.brands.InvalidInputException;
import io.atelier.brands.brand.Brand;
import io.atelier.brands.brand.PaletteColour;
import java.awt.image.BufferedImage;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** CIELAB, reading a palette, and the lock: numbers a designer would check by eye. */
class PaletteTest {
    private static final Brand MAISON = new Brand("maison", "Maison", List.of("fr"),
            List.of(new PaletteColour("vert Maison", "#1A8C8C")), List.of(), null, "brand_0", Instant.EPOCH,
            Instant.EPOCH);

    @Test
    void srgb_red_has_its_textbook_lab_values_and_comes_back_unchanged() {
        LabColour red = LabColour.ofHex("#ff0000");
        assertEquals(53.24, red.l(), 0.05);
        assertEquals(80.09, red.a(), 0.05);
        assertEquals(67.20, red.b(), 0.05);
        assertEquals(0xffff0000, red.toRgb());
        assertEquals(100, LabColour.ofHex("#ffffff").l(), 0.01);
        for (int rgb : new int[] {0x1a8c8c, 0xd4af37, 0x202020, 0x7e3ca8}) {
            assertEquals(0xff000000 | rgb, LabColour.ofRgb(rgb).toRgb(), Integer.toHexString(rgb));
        }
    }

    @Test
    void a_palette_reads_brand_names_and_hex_and_refuses_anything_else_naming_palette() {
        PaletteResolver resolver = PaletteResolver.standard();
        List<PaletteEntry> entries = resolver.resolve(List.of("VERT maison", "#B0182F"), MAISON);
        assertEquals("vert Maison", entries.get(0).name());
        assertEquals("#1a8c8c", entries.get(0).hex());
        assertTrue(entries.get(0).houseColour());
        assertEquals("red", entries.get(1).token());
        for (String bad : List.of("#12345", "#gg0000", "bleu Maison", " ")) {
            InvalidInputException e = assertThrows(InvalidInputException.class,
                    () -> resolver.resolve(List.of(bad), MAISON));
            assertEquals("palette", e.field(), bad);
        }
    }

    @Test
    void a_teal_is_told_as_green_not_grey_and_a_grey_as_grey() {
        PaletteResolver resolver = PaletteResolver.standard();
        assertEquals("green", resolver.resolve(List.of("#1a8c8c"), null).get(0).token());
        assertEquals("grey", resolver.resolve(List.of("#9e9e9e"), null).get(0).token());
    }

    @Test
    void the_lock_moves_the_garment_onto_the_colour_keeps_its_shading_and_leaves_the_background() {
        // A red garment shaded from light to dark on a white flat.
        BufferedImage flat = new BufferedImage(64, 64, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < 64; y++) {
            for (int x = 0; x < 64; x++) {
                boolean garment = x >= 16 && x < 48 && y >= 8 && y < 56;
                int shade = 150 + (y - 8) * 2;
                flat.setRGB(x, y, garment ? (shade << 16) | (30 << 8) | 30 : 0xffffff);
            }
        }
        PaletteEntry teal = PaletteResolver.standard().resolve(List.of("#1a8c8c"), null).get(0);
        PaletteLock.Result locked = PaletteLock.lock(flat, teal, List.of(teal));

        assertTrue(locked.deltaEBefore() > 40, "the red was far from teal: " + locked.deltaEBefore());
        assertTrue(PaletteLock.garmentMean(locked.image()).deltaE(teal.lab()) < 5,
                "mean " + PaletteLock.garmentMean(locked.image()));
        assertEquals(0xffffffff, locked.image().getRGB(2, 2), "background untouched");
        double top = LabColour.ofRgb(locked.image().getRGB(30, 9)).l();
        double bottom = LabColour.ofRgb(locked.image().getRGB(30, 54)).l();
        assertTrue(bottom - top > 10, "shading kept: L " + top + " → " + bottom);
    }
}
