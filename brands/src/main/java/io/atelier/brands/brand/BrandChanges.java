package io.atelier.brands.brand;

import java.util.List;

/** A partial update: every null field keeps its value; a list given replaces the whole list. */
public record BrandChanges(String displayName, List<String> languages, List<PaletteColour> palette,
                           List<VocabularyTerm> vocabulary, BrandPolicy policy) {
}
