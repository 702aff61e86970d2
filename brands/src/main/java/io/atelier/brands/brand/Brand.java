package io.atelier.brands.brand;

import java.time.Instant;
import java.util.List;

/**
 * A house as stored.
 *
 * @param id           slug: lower-case letters, digits and dashes, e.g. {@code maison-exemple}
 * @param displayName  name shown to designers
 * @param languages    {@code fr} and/or {@code en}
 * @param palette      the house colours
 * @param vocabulary   the house's own terms
 * @param policy       what the house allows
 * @param triggerToken reserved token {@code brand_0} … {@code brand_31} its adapters learn the house codes under
 * @param createdAt    creation instant
 * @param updatedAt    last change
 */
public record Brand(String id, String displayName, List<String> languages, List<PaletteColour> palette,
                    List<VocabularyTerm> vocabulary, BrandPolicy policy, String triggerToken,
                    Instant createdAt, Instant updatedAt) {

    public Brand {
        languages = List.copyOf(languages);
        palette = List.copyOf(palette);
        vocabulary = List.copyOf(vocabulary);
    }
}
