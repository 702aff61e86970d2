package io.atelier.brands.capsule;

import io.atelier.brands.palette.PaletteEntry;
import io.atelier.micro.flats.FlatSpec;
import io.atelier.taxonomy.Taxonomy;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.Set;

/**
 * Plans a capsule: varied, but coherent. Coherence: every look is drawn in the palette (pieces take its entries in
 * turn, so a look of two or more pieces shows two colours when the palette has them), the capsule tells one story
 * of at most two patterns (one accent piece per look, the rest solid) and one material per category. Variety: each
 * look takes its own categories (a dress is not worn over a skirt or trousers), details and colour order, and no two
 * looks are the same (a repeat is planned again with the next draw). Everything is a function of the seed.
 */
public final class CapsulePlanner {
    /** A dress is the whole outfit's body: it is not combined with these in one look. */
    private static final Set<String> BOTTOMS = Set.of("skirt", "trousers");
    private static final List<String> ACCENT_PATTERNS = List.of("stripes", "check", "polka_dots");
    private static final int MAX_REDRAWS = 50;

    private final Taxonomy taxonomy;

    public CapsulePlanner(Taxonomy taxonomy) {
        this.taxonomy = taxonomy;
    }

    /**
     * @param categories the categories the capsule may use (at least {@code piecesPerLook} of them)
     * @param palette the colours (at least one)
     */
    public CapsulePlan plan(String theme, int looks, int piecesPerLook, List<String> categories,
                            List<PaletteEntry> palette, long seed) {
        if (categories.size() < piecesPerLook || palette.isEmpty()) {
            throw new IllegalArgumentException("a look needs distinct categories and a palette");
        }
        Random random = new Random(seed);
        // Step 1: the capsule's story: its accent patterns and one material per category.
        List<String> story = new ArrayList<>(ACCENT_PATTERNS);
        Collections.shuffle(story, random);
        story = story.subList(0, 2);
        java.util.Map<String, String> materials = new java.util.HashMap<>();
        for (String category : categories) {
            List<String> allowed = taxonomy.applicableMaterials(category);
            materials.put(category, allowed.get(random.nextInt(allowed.size())));
        }
        // Step 2: looks, each drawn again while it repeats an earlier one.
        List<List<PiecePlan>> planned = new ArrayList<>();
        List<Set<String>> signatures = new ArrayList<>();
        for (int look = 1; look <= looks; look++) {
            List<PiecePlan> pieces = null;
            for (int attempt = 0; attempt < MAX_REDRAWS; attempt++) {
                pieces = look(look, piecesPerLook, categories, palette, story, materials, random, seed);
                if (!signatures.contains(CapsulePlan.signature(pieces))) {
                    break;
                }
            }
            signatures.add(CapsulePlan.signature(pieces));
            planned.add(pieces);
        }
        return new CapsulePlan(theme, palette, planned);
    }

    private List<PiecePlan> look(int look, int count, List<String> categories, List<PaletteEntry> palette,
                                 List<String> story, java.util.Map<String, String> materials, Random random,
                                 long seed) {
        List<String> chosen = categories(count, categories, random);
        int accent = random.nextInt(count);
        int colourOffset = random.nextInt(palette.size());
        List<PiecePlan> pieces = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String category = chosen.get(i);
            PaletteEntry colour = palette.get((colourOffset + i) % palette.size());
            String pattern = i == accent ? story.get(look % story.size()) : "solid";
            long pieceSeed = seed * 1_000 + look * 10L + i;
            pieces.add(new PiecePlan(look, i + 1, category, colour, pattern, details(category, random),
                    materials.get(category), pieceSeed));
        }
        return pieces;
    }

    /** Distinct categories in a random order, a dress never beside a bottom when other categories allow it. */
    private static List<String> categories(int count, List<String> categories, Random random) {
        List<String> shuffled = new ArrayList<>(categories);
        Collections.shuffle(shuffled, random);
        List<String> chosen = new ArrayList<>();
        List<String> skipped = new ArrayList<>();
        for (String category : shuffled) {
            boolean clash = chosen.contains("dress") && BOTTOMS.contains(category)
                    || category.equals("dress") && chosen.stream().anyMatch(BOTTOMS::contains);
            if (chosen.size() < count) {
                (clash ? skipped : chosen).add(category);
            }
        }
        for (String category : skipped) {
            if (chosen.size() < count) {
                chosen.add(category);
            }
        }
        return chosen;
    }

    /** One construction detail the category takes, plus a sleeve length where it has sleeves. */
    private List<String> details(String category, Random random) {
        List<String> applicable = taxonomy.applicableDetails(category);
        List<String> sleeves = applicable.stream().filter(FlatSpec.SLEEVE_LENGTHS::contains).toList();
        List<String> others = applicable.stream().filter(d -> !FlatSpec.SLEEVE_LENGTHS.contains(d)).toList();
        List<String> picked = new ArrayList<>();
        if (!others.isEmpty()) {
            picked.add(others.get(random.nextInt(others.size())));
        }
        if (!sleeves.isEmpty()) {
            picked.add(sleeves.get(random.nextInt(sleeves.size())));
        }
        // Canonical order, as the model was trained on it.
        return applicable.stream().filter(picked::contains).toList();
    }
}
