package io.atelier.brands.capsule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.atelier.brands.palette.PaletteEntry;
import io.atelier.brands.palette.PaletteResolver;
import io.atelier.taxonomy.AttributeKind;
import io.atelier.taxonomy.Taxonomy;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** A capsule's plan: coherent (the palette in every look), varied (no repeats), the same for the same seed. */
class CapsulePlannerTest {
    private static final Taxonomy TAXONOMY = Taxonomy.standard();
    private static final List<PaletteEntry> PALETTE = PaletteResolver.standard().resolve(List.of("#1a8c8c",
            "#d4af37"), null);

    @Test
    void twelve_looks_are_all_different_each_in_the_palette_with_distinct_categories() {
        CapsulePlan plan = new CapsulePlanner(TAXONOMY).plan("mer", 12, 3, TAXONOMY.tokens(AttributeKind.CATEGORY),
                PALETTE, 42);
        assertEquals(12, plan.looks().size());
        assertTrue(plan.looksDistinct());
        for (List<PiecePlan> look : plan.looks()) {
            assertEquals(3, look.size());
            assertEquals(3, look.stream().map(PiecePlan::category).distinct().count(), look.toString());
            Set<String> colours = look.stream().map(p -> p.colour().hex()).collect(Collectors.toSet());
            assertEquals(Set.of("#1a8c8c", "#d4af37"), colours, "both palette colours in every look");
            assertFalse(look.stream().anyMatch(p -> p.category().equals("dress"))
                    && look.stream().anyMatch(p -> Set.of("skirt", "trousers").contains(p.category())),
                    "no dress over a bottom: " + look);
            for (PiecePlan piece : look) {
                assertTrue(TAXONOMY.applicableDetails(piece.category()).containsAll(piece.details()));
                assertTrue(TAXONOMY.applicableMaterials(piece.category()).contains(piece.material()));
            }
            assertTrue(look.stream().filter(p -> !p.pattern().equals("solid")).count() <= 1, "one accent piece");
        }
    }

    @Test
    void the_same_seed_plans_the_same_capsule_and_another_seed_another() {
        CapsulePlanner planner = new CapsulePlanner(TAXONOMY);
        List<String> categories = List.of("dress", "handbag", "tshirt", "trousers");
        assertEquals(planner.plan(null, 4, 2, categories, PALETTE, 7), planner.plan(null, 4, 2, categories, PALETTE, 7));
        assertFalse(planner.plan(null, 4, 2, categories, PALETTE, 7).equals(
                planner.plan(null, 4, 2, categories, PALETTE, 8)));
    }
}
