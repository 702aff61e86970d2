package io.atelier.taxonomy;

/** A single word that means several canonical tokens at once, e.g. French "jean" = trousers + denim. */
public record Compound(String lang, String term, java.util.List<String> tokens) {

    public Compound {
        tokens = java.util.List.copyOf(tokens);
    }

    public Language language() {
        return Language.fromCode(lang);
    }
}
