package io.atelier.bridge.generate;

import io.atelier.brands.InvalidInputException;
import io.atelier.brands.brand.Brand;
import io.atelier.brands.palette.LabColour;
import io.atelier.brands.palette.PaletteEntry;
import io.atelier.brands.palette.PaletteResolver;
import io.atelier.bridge.rpc.AtelierException;
import io.atelier.taxonomy.AttributeKind;
import io.atelier.taxonomy.PromptStyle;
import io.atelier.taxonomy.Taxonomy;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * A request's palette made into colour words for the model. The garment is drawn in one entry: the one nearest the
 * prompt's own colour when the prompt names one (a red dress with a palette holding "rouge Exemple" stays red, in the
 * house's red), else the first. atelier-micro is told the taxonomy colour token nearest that entry, in place of the
 * prompt's colour; a CLIP model, that colour's English name, in place of the prompt's colour word or after the text.
 */
final class PaletteSteering {
    private final PaletteResolver resolver;
    private final Taxonomy taxonomy;

    /**
     * A palette as a request asked for it.
     *
     * @param entries every entry, resolved
     * @param chosen the entry the garment is drawn in
     * @param lock whether the palette lock runs after drawing
     */
    record Steer(List<PaletteEntry> entries, PaletteEntry chosen, boolean lock) {
    }

    PaletteSteering(Taxonomy taxonomy) {
        this.taxonomy = taxonomy;
        this.resolver = new PaletteResolver(taxonomy);
    }

    /**
     * @param promptColourToken the taxonomy colour token the prompt names, or null
     * @return null when the request has no palette
     */
    Steer steer(List<String> palette, Boolean lock, Brand brand, String promptColourToken) {
        List<PaletteEntry> entries;
        try {
            entries = resolver.resolve(palette, brand);
        } catch (InvalidInputException e) {
            throw AtelierException.invalidParams(e.field(), e.reason());
        }
        if (entries.isEmpty()) {
            if (Boolean.TRUE.equals(lock)) {
                throw AtelierException.invalidParams("paletteLock", "A palette lock needs a palette.");
            }
            return null;
        }
        PaletteEntry chosen = entries.get(0);
        if (promptColourToken != null) {
            LabColour asked = LabColour.ofHex(taxonomy.require(promptColourToken).rgb());
            chosen = entries.stream().min(Comparator.comparingDouble(e -> e.lab().deltaE(asked))).orElseThrow();
        }
        return new Steer(entries, chosen, Boolean.TRUE.equals(lock));
    }

    /** The resolved prompt with the chosen entry's colour in place of its own, written as {@code style} reads. */
    String apply(String resolvedPrompt, Steer steer, PromptStyle style, String promptColourToken) {
        if (style == PromptStyle.CANONICAL_TOKENS) {
            // Canonical order puts the colour first, after any brand trigger token.
            List<String> tokens = new ArrayList<>(List.of(resolvedPrompt.isBlank() ? new String[0]
                    : resolvedPrompt.trim().split(" ")));
            tokens.removeIf(t -> taxonomy.kindOf(t).orElse(null) == AttributeKind.COLOUR);
            int at = 0;
            while (at < tokens.size() && tokens.get(at).startsWith("brand_")) {
                at++;
            }
            tokens.add(at, steer.chosen().token());
            return String.join(" ", tokens);
        }
        String english = steer.chosen().englishName();
        if (promptColourToken != null) {
            String said = taxonomy.require(promptColourToken).en().sg();
            Pattern word = Pattern.compile("\\b" + Pattern.quote(said) + "\\b", Pattern.CASE_INSENSITIVE);
            if (word.matcher(resolvedPrompt).find()) {
                return word.matcher(resolvedPrompt).replaceFirst(english);
            }
        }
        return resolvedPrompt + ", " + english.toLowerCase(Locale.ROOT);
    }
}
