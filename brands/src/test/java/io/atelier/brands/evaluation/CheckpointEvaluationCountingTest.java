package io.atelier.brands.evaluation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What an SD-1.x adapter's evaluation counts, on known images the size of its evaluation draws (no model): the house
 * colour found on a photograph-like image (coloured backdrop included), the colour drift between a pair, and no judge
 * figure where no judge read the images.
 */
class CheckpointEvaluationCountingTest {
    private static final int SIZE = 256;
    /** The demo house's teal as the model renders it. */
    private static final Color TEAL = new Color(0x36B39A);
    private static final Color GREY_WALL = new Color(0x8A8A8A);
    private static final BrandEvaluationPlan PLAN = new BrandEvaluationPlan(new Color(0x1A8C8C), TEAL,
            BrandEvaluationPlan.houseColour("vert Exemple", TEAL), null, List.of());

    @Test
    void the_house_colour_counts_when_it_covers_enough_of_what_is_not_white_background() {
        CodeDetector colour = PLAN.colour();
        assertTrue(colour.present().test(piece(TEAL, GREY_WALL, 0.5)), "half the picture teal, on a grey wall");
        assertFalse(colour.present().test(piece(TEAL, GREY_WALL, 0.2)), "a fifth teal: the wall counts as garment");
        assertTrue(colour.present().test(piece(TEAL, Color.WHITE, 0.2)), "the same piece on white is all garment");
        assertFalse(colour.present().test(piece(new Color(0xC03030), GREY_WALL, 0.8)), "a red piece");
        assertFalse(colour.present().test(piece(new Color(0x0C2A26), GREY_WALL, 0.8)), "teal too dark to read");
        assertFalse(colour.present().test(piece(new Color(0x6E8C88), Color.WHITE, 0.8)), "a greyish teal (saturation 0.21)");
    }

    @Test
    void a_row_counts_images_with_and_without_the_adapter_and_their_drift_without_a_judge() {
        EvaluationPrompt prompt = new EvaluationPrompt(true, "fr", "robe vert Exemple", "dress", null);
        List<BufferedImage> without = List.of(piece(new Color(0xC03030), GREY_WALL, 0.5),
                piece(TEAL, GREY_WALL, 0.1), piece(TEAL, GREY_WALL, 0.6));
        List<BufferedImage> with = List.of(piece(TEAL, GREY_WALL, 0.5), piece(TEAL, GREY_WALL, 0.6),
                piece(TEAL, GREY_WALL, 0.6));
        EvaluationRow row = FidelityEvaluation.row(prompt, "brand_0 Exemple green dress", without, with, PLAN, null);
        assertEquals(3, row.images());
        assertEquals(1, row.codeWithout());
        assertEquals(3, row.codeWith());
        assertEquals(0, row.agreeWithout() + row.agreeWith(), "no judge, no agreement counted");
        // Pair 1: the half-picture piece changes colour (0.5 of the pixels); pair 2: teal grows from 10% to 60% (0.5);
        // pair 3: the same image (0).
        assertEquals((0.5 + 0.5 + 0) / 3, row.colourDrift(), 1e-9);

        FidelityReport report = new FidelityReport(List.of(row), null, new BufferedImage(1, 1, 1), 0, false);
        assertEquals(1.0, report.brandCodeRateWith(), 1e-9);
        assertEquals(1.0 / 3, report.brandCodeRateWithout(), 1e-9);
        assertEquals(1.0, report.brandCodeRateWithOrNull("fr"), 1e-9);
        assertNull(report.brandCodeRateWithOrNull("en"), "no English branded prompt was drawn");
        assertEquals(row.colourDrift(), report.brandColourDrift(), 1e-9);
        assertTrue(report.table().contains("not measured"), report.table());
    }

    @Test
    void colour_drift_is_zero_for_the_same_colours_anywhere_and_one_for_none_in_common() {
        BufferedImage left = piece(TEAL, Color.WHITE, 0.5);
        BufferedImage right = new BufferedImage(SIZE, SIZE, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = right.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, SIZE, SIZE);
        g.setColor(TEAL);
        g.fillRect(SIZE / 2, 0, SIZE / 2, SIZE); // the same amount of teal, on the other side
        g.dispose();
        assertEquals(0, ColourDrift.between(left, right), 1e-9);
        assertEquals(1, ColourDrift.between(piece(TEAL, TEAL, 1), piece(Color.RED, Color.RED, 1)), 1e-9);
    }

    /** A piece of {@code colour} covering {@code share} of the picture (the left part), the rest {@code backdrop}. */
    private static BufferedImage piece(Color colour, Color backdrop, double share) {
        BufferedImage image = new BufferedImage(SIZE, SIZE, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setColor(backdrop);
        g.fillRect(0, 0, SIZE, SIZE);
        g.setColor(colour);
        g.fillRect(0, 0, (int) Math.round(SIZE * share), SIZE);
        g.dispose();
        return image;
    }
}
