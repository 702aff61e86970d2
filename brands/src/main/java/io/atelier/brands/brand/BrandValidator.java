package io.atelier.brands.brand;

import io.atelier.brands.InvalidInputException;
import io.atelier.taxonomy.Taxonomy;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The rules a brand's fields obey. Each check returns the normalised value (trimmed, lower-cased hex, alias replaced)
 * or throws {@link InvalidInputException} naming the field path.
 */
public final class BrandValidator {

    public static final int MAX_PALETTE = 64;
    public static final int MAX_VOCABULARY = 500;
    private static final Pattern SLUG = Pattern.compile("[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?");
    private static final Pattern HEX = Pattern.compile("#[0-9a-f]{6}");
    private static final Set<String> LANGUAGES = Set.of("fr", "en");

    private final Taxonomy taxonomy;

    public BrandValidator(Taxonomy taxonomy) {
        this.taxonomy = taxonomy;
    }

    /** A brand id: 1-64 lower-case letters, digits and dashes, starting and ending with a letter or digit. */
    public static String id(String id, String field) {
        if (id == null || !SLUG.matcher(id).matches()) {
            throw new InvalidInputException(field,
                    "a brand id is 1 to 64 lower-case letters, digits and dashes, not starting or ending with a dash");
        }
        return id;
    }

    public String displayName(String displayName) {
        String trimmed = displayName == null ? "" : displayName.strip();
        if (trimmed.isEmpty() || trimmed.length() > 100) {
            throw new InvalidInputException("displayName", "the display name must have 1 to 100 characters");
        }
        return trimmed;
    }

    public List<String> languages(List<String> languages) {
        if (languages == null) {
            return List.of("fr", "en");
        }
        if (languages.isEmpty()) {
            throw new InvalidInputException("languages", "give at least one language: fr or en");
        }
        Set<String> seen = new LinkedHashSet<>();
        for (int i = 0; i < languages.size(); i++) {
            String code = languages.get(i) == null ? "" : languages.get(i).strip().toLowerCase(Locale.ROOT);
            if (!LANGUAGES.contains(code)) {
                throw new InvalidInputException("languages[" + i + "]", "a language is fr or en");
            }
            seen.add(code);
        }
        return List.copyOf(seen);
    }

    public List<PaletteColour> palette(List<PaletteColour> palette) {
        if (palette == null) {
            return List.of();
        }
        if (palette.size() > MAX_PALETTE) {
            throw new InvalidInputException("palette", "a palette holds at most " + MAX_PALETTE + " colours");
        }
        List<PaletteColour> valid = new ArrayList<>();
        Set<String> names = new LinkedHashSet<>();
        for (int i = 0; i < palette.size(); i++) {
            PaletteColour colour = palette.get(i);
            String path = "palette[" + i + "]";
            if (colour == null) {
                throw new InvalidInputException(path, "a palette colour needs a name and a hex value");
            }
            String name = colour.name() == null ? "" : colour.name().strip();
            if (name.isEmpty() || name.length() > 60) {
                throw new InvalidInputException(path + ".name", "a colour name must have 1 to 60 characters");
            }
            if (!names.add(name.toLowerCase(Locale.ROOT))) {
                throw new InvalidInputException(path + ".name", "the palette already has a colour named '" + name + "'");
            }
            String hex = colour.hex() == null ? "" : colour.hex().strip().toLowerCase(Locale.ROOT);
            if (!HEX.matcher(hex).matches()) {
                throw new InvalidInputException(path + ".hex", "a colour is written #rrggbb, e.g. #b22222");
            }
            valid.add(new PaletteColour(name, hex));
        }
        return List.copyOf(valid);
    }

    /**
     * Checks every term and replaces {@link VocabularyTerm#TRIGGER_ALIAS} by {@code triggerToken}. A canonical value
     * is canonical tokens of the shared taxonomy, or this brand's own trigger token (never another brand's).
     */
    public List<VocabularyTerm> vocabulary(List<VocabularyTerm> vocabulary, String triggerToken) {
        if (vocabulary == null) {
            return List.of();
        }
        if (vocabulary.size() > MAX_VOCABULARY) {
            throw new InvalidInputException("vocabulary", "a vocabulary holds at most " + MAX_VOCABULARY + " terms");
        }
        List<VocabularyTerm> valid = new ArrayList<>();
        Map<String, String> meaningByTerm = new HashMap<>();
        for (int i = 0; i < vocabulary.size(); i++) {
            VocabularyTerm term = vocabulary.get(i);
            String path = "vocabulary[" + i + "]";
            if (term == null) {
                throw new InvalidInputException(path, "a vocabulary entry needs a term and a canonical value");
            }
            String words = term.term() == null ? "" : term.term().strip().replaceAll("\\s+", " ");
            if (words.isEmpty() || words.length() > 60) {
                throw new InvalidInputException(path + ".term", "a term must have 1 to 60 characters");
            }
            String lang = term.lang() == null ? null : term.lang().strip().toLowerCase(Locale.ROOT);
            if (lang != null && !LANGUAGES.contains(lang)) {
                throw new InvalidInputException(path + ".lang", "a term's language is fr, en, or absent for both");
            }
            String canonical = canonical(term.canonical(), triggerToken, path + ".canonical");
            String key = words.toLowerCase(Locale.ROOT) + "|" + (lang == null ? "*" : lang);
            String earlier = meaningByTerm.putIfAbsent(key, canonical);
            if (earlier != null && !earlier.equals(canonical)) {
                throw new InvalidInputException(path + ".term", "'" + words + "' is already mapped to " + earlier);
            }
            valid.add(new VocabularyTerm(words, lang, canonical));
        }
        return List.copyOf(valid);
    }

    private String canonical(String canonical, String triggerToken, String field) {
        String value = canonical == null ? "" : canonical.strip();
        if (value.isEmpty()) {
            throw new InvalidInputException(field, "give the canonical token(s) the term means");
        }
        List<String> tokens = new ArrayList<>();
        for (String token : value.split("\\s+")) {
            if (token.equals(VocabularyTerm.TRIGGER_ALIAS) || token.equals(triggerToken)) {
                tokens.add(triggerToken);
            } else if (taxonomy.kindOf(token).isPresent()) {
                tokens.add(token);
            } else {
                throw new InvalidInputException(field, "'" + token + "' is neither a canonical token nor this brand's "
                        + "trigger token (" + VocabularyTerm.TRIGGER_ALIAS + ")");
            }
        }
        return String.join(" ", tokens);
    }
}
