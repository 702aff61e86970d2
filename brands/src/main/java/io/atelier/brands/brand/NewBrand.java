package io.atelier.brands.brand;

import java.util.List;

/**
 * What a caller gives to create a brand; the trigger token is assigned by the repository.
 *
 * @param id          new slug
 * @param displayName name shown to designers
 * @param languages   null for both {@code fr} and {@code en}
 * @param palette     null for none
 * @param vocabulary  null for none
 * @param policy      null for {@link BrandPolicy#DEFAULT}
 */
public record NewBrand(String id, String displayName, List<String> languages, List<PaletteColour> palette,
                       List<VocabularyTerm> vocabulary, BrandPolicy policy) {
}
