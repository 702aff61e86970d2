package io.atelier.brands.capsule;

import io.atelier.brands.palette.PaletteEntry;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A capsule as planned: looks in order, each a few pieces, all in the palette.
 *
 * @param theme   the capsule's words, or null
 * @param palette the entries the pieces are drawn in
 * @param looks   every look's pieces, look by look
 */
public record CapsulePlan(String theme, List<PaletteEntry> palette, List<List<PiecePlan>> looks) {

    public CapsulePlan {
        palette = List.copyOf(palette);
        looks = looks.stream().map(List::copyOf).toList();
    }

    public List<PiecePlan> pieces() {
        return looks.stream().flatMap(List::stream).toList();
    }

    /** A look as a set of designs: two looks with the same set are the same look, whatever the order. */
    static Set<String> signature(List<PiecePlan> look) {
        return look.stream().map(PiecePlan::design).collect(Collectors.toSet());
    }

    /** True when no two looks are the same. */
    public boolean looksDistinct() {
        return looks.stream().map(CapsulePlan::signature).distinct().count() == looks.size();
    }
}
