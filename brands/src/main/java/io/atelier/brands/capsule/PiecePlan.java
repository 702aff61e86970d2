package io.atelier.brands.capsule;

import io.atelier.brands.palette.PaletteEntry;
import java.util.ArrayList;
import java.util.List;

/**
 * One piece of a capsule as planned: what the model is asked to draw and the judge to read back.
 *
 * @param look     look number, from 1
 * @param piece    piece number within the look, from 1
 * @param category canonical category token
 * @param colour   the palette entry it is drawn in
 * @param pattern  canonical pattern token
 * @param details  canonical detail tokens, in canonical order
 * @param material canonical material token
 * @param seed     the first seed it is drawn with (a piece the judge disagrees with is drawn again with others)
 */
public record PiecePlan(int look, int piece, String category, PaletteEntry colour, String pattern,
                        List<String> details, String material, long seed) {

    public PiecePlan {
        details = List.copyOf(details);
    }

    /** The canonical prompt for atelier-micro: colour, pattern, category, details, material (canonical order). */
    public String canonicalPrompt() {
        List<String> tokens = new ArrayList<>(List.of(colour.token(), pattern, category));
        tokens.addAll(details);
        tokens.add(material);
        return String.join(" ", tokens);
    }

    /** What makes two pieces the same design (the seed does not). */
    String design() {
        return category + "|" + colour.hex() + "|" + pattern + "|" + details + "|" + material;
    }
}
