package io.atelier.brands.palette;

import io.atelier.brands.InvalidInputException;
import io.atelier.brands.brand.Brand;
import io.atelier.brands.brand.PaletteColour;
import io.atelier.taxonomy.Taxonomy;
import io.atelier.taxonomy.TaxonomyEntry;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Reads a request's palette: each entry a {@code #rrggbb} or a name of the brand's palette ({@code rouge Exemple},
 * case-insensitive). Anything else is refused with field {@code palette}: a colour the bridge cannot read is not
 * silently dropped.
 */
public final class PaletteResolver {
    public static final int MAX_ENTRIES = 16;
    static final double CHROMATIC = 20;
    private static final Pattern HEX = Pattern.compile("#[0-9a-fA-F]{6}");

    private final Taxonomy taxonomy;

    public PaletteResolver(Taxonomy taxonomy) {
        this.taxonomy = taxonomy;
    }

    public static PaletteResolver standard() {
        return new PaletteResolver(Taxonomy.standard());
    }

    /**
     * @param entries the request's palette; null or empty gives an empty list
     * @param brandOrNull whose palette names are understood; null: only hex colours
     */
    public List<PaletteEntry> resolve(List<String> entries, Brand brandOrNull) {
        if (entries == null || entries.isEmpty()) {
            return List.of();
        }
        if (entries.size() > MAX_ENTRIES) {
            throw new InvalidInputException("palette", "A palette holds at most " + MAX_ENTRIES + " colours.");
        }
        List<PaletteEntry> resolved = new ArrayList<>();
        for (String entry : entries) {
            resolved.add(resolveOne(entry, brandOrNull));
        }
        return List.copyOf(resolved);
    }

    /** The brand's whole palette, resolved (a capsule with no palette of its own uses it). */
    public List<PaletteEntry> ofBrand(Brand brand) {
        return brand.palette().stream().map(c -> entry(c.name(), c.hex(), true)).toList();
    }

    private PaletteEntry resolveOne(String entry, Brand brand) {
        if (entry == null || entry.isBlank()) {
            throw new InvalidInputException("palette", "A palette entry is a #rrggbb colour or a palette name.");
        }
        String text = entry.trim();
        if (text.startsWith("#")) {
            if (!HEX.matcher(text).matches()) {
                throw new InvalidInputException("palette", "'" + text + "' is not a #rrggbb colour.");
            }
            return entry(text.toLowerCase(Locale.ROOT), text.toLowerCase(Locale.ROOT), false);
        }
        if (brand != null) {
            for (PaletteColour colour : brand.palette()) {
                if (colour.name().equalsIgnoreCase(text)) {
                    return entry(colour.name(), colour.hex().toLowerCase(Locale.ROOT), true);
                }
            }
        }
        throw new InvalidInputException("palette", "'" + text + "' is neither a #rrggbb colour nor a name of "
                + (brand == null ? "a palette (name a brand to use its palette names)" : "the brand's palette") + ".");
    }

    private PaletteEntry entry(String name, String hex, boolean house) {
        LabColour lab = LabColour.ofHex(hex);
        return new PaletteEntry(name, hex.toLowerCase(Locale.ROOT), lab, nearestStandard(lab), house);
    }

    /**
     * The taxonomy colour nearest to {@code lab} (ΔE*ab), among the clearly coloured ones when {@code lab} is clearly
     * coloured itself (chroma ≥ {@value #CHROMATIC}). A hue is what a colour's name says: Maison Exemple's teal
     * (#1a8c8c) lies nearer grey (ΔE 31) than green (46) by distance alone, but no one calls a teal dress grey, and
     * a model told "grey" draws a grey one.
     */
    public TaxonomyEntry nearestStandard(LabColour lab) {
        boolean chromatic = lab.chroma() >= CHROMATIC;
        return taxonomy.colours().stream()
                .filter(c -> !chromatic || LabColour.ofHex(c.rgb()).chroma() >= CHROMATIC)
                .min(Comparator.comparingDouble(c -> lab.deltaE(LabColour.ofHex(c.rgb()))))
                .orElseThrow();
    }
}
