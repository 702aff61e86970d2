package io.atelier.micro.flats;

import io.atelier.taxonomy.AttributeKind;
import io.atelier.taxonomy.Taxonomy;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Random;
import java.util.StringJoiner;

/**
 * What one technical flat shows, in canonical tokens: a category, a colour, a pattern, the construction details drawn
 * (canonical order, each applicable to the category), an optional material, and the seed of the small drawing
 * variations (proportions, pattern scale and phase) that keep two flats of the same spec from being the same bitmap.
 */
public record FlatSpec(String category, String colour, String pattern, List<String> details, String material,
                       long variation) {

    /** Sleeve lengths are mutually exclusive: a sleeved garment shows exactly one of them. */
    public static final List<String> SLEEVE_LENGTHS = List.of("long_sleeves", "short_sleeves", "sleeveless");

    public FlatSpec {
        Objects.requireNonNull(category, "category");
        Objects.requireNonNull(colour, "colour");
        Objects.requireNonNull(pattern, "pattern");
        // Details are kept in canonical order whatever order they were given in.
        List<String> order = Taxonomy.standard().tokens(AttributeKind.DETAIL);
        details = details.stream().distinct()
                .sorted(java.util.Comparator.comparingInt(d -> order.contains(d) ? order.indexOf(d) : order.size()))
                .toList();
    }

    /** Checks every token against the taxonomy and the category's applicable details and materials. */
    public FlatSpec validated(Taxonomy taxonomy) {
        require(taxonomy, category, AttributeKind.CATEGORY);
        require(taxonomy, colour, AttributeKind.COLOUR);
        require(taxonomy, pattern, AttributeKind.PATTERN);
        List<String> applicable = taxonomy.applicableDetails(category);
        for (String detail : details) {
            if (!applicable.contains(detail)) {
                throw new IllegalArgumentException("detail " + detail + " does not apply to " + category);
            }
        }
        if (details.stream().filter(SLEEVE_LENGTHS::contains).count() > 1) {
            throw new IllegalArgumentException("more than one sleeve length: " + details);
        }
        if (material != null && !taxonomy.applicableMaterials(category).contains(material)) {
            throw new IllegalArgumentException("material " + material + " does not apply to " + category);
        }
        return this;
    }

    private static void require(Taxonomy taxonomy, String token, AttributeKind kind) {
        if (taxonomy.kindOf(token).orElse(null) != kind) {
            throw new IllegalArgumentException("not a " + kind.name().toLowerCase() + ": " + token);
        }
    }

    public boolean has(String detail) {
        return details.contains(detail);
    }

    /** The sleeve length drawn, or null for categories without sleeves. */
    public String sleeves() {
        return details.stream().filter(SLEEVE_LENGTHS::contains).findFirst().orElse(null);
    }

    /** {@code <colour> <pattern> <category> <details…> <material?>}, the model's prompt for this flat. */
    public String canonicalPrompt() {
        StringJoiner prompt = new StringJoiner(" ");
        prompt.add(colour).add(pattern).add(category);
        details.forEach(prompt::add);
        if (material != null) {
            prompt.add(material);
        }
        return prompt.toString();
    }

    /** A random spec from the shipped taxonomy; the same seed always gives the same spec. */
    public static FlatSpec random(long seed) {
        return random(seed, Taxonomy.standard());
    }

    /**
     * A random spec: uniform category, colour and pattern; each applicable detail with probability ~0.4 (exactly one
     * sleeve length for sleeved categories); a material half of the time.
     */
    public static FlatSpec random(long seed, Taxonomy taxonomy) {
        Random random = new Random(seed * 0x9E3779B97F4A7C15L + 0x632BE59BD9B4E019L);
        String category = pick(random, taxonomy.tokens(AttributeKind.CATEGORY));
        return random(random, category, pick(random, taxonomy.tokens(AttributeKind.COLOUR)),
                pick(random, taxonomy.tokens(AttributeKind.PATTERN)), taxonomy);
    }

    /** A random flat of a fixed category, colour and pattern; details, material and variation drawn from the seed. */
    public static FlatSpec random(long seed, String category, String colour, String pattern, Taxonomy taxonomy) {
        Random random = new Random(seed * 0x9E3779B97F4A7C15L + 0x2545F4914F6CDD1DL);
        return random(random, category, colour, pattern, taxonomy);
    }

    private static FlatSpec random(Random random, String category, String colour, String pattern, Taxonomy taxonomy) {
        List<String> applicable = taxonomy.applicableDetails(category);
        List<String> sleeveOptions = applicable.stream().filter(SLEEVE_LENGTHS::contains).toList();
        String sleeves = sleeveOptions.isEmpty() ? null : pick(random, sleeveOptions);
        List<String> details = new ArrayList<>();
        for (String detail : applicable) {
            if (SLEEVE_LENGTHS.contains(detail) ? detail.equals(sleeves) : random.nextDouble() < 0.4) {
                details.add(detail);
            }
        }
        List<String> materials = taxonomy.applicableMaterials(category);
        String material = random.nextBoolean() ? pick(random, materials) : null;
        return new FlatSpec(category, colour, pattern, details, material, random.nextLong()).validated(taxonomy);
    }

    private static String pick(Random random, List<String> options) {
        return options.get(random.nextInt(options.size()));
    }
}
