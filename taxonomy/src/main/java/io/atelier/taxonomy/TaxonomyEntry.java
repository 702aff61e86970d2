package io.atelier.taxonomy;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import java.util.List;

/**
 * One canonical token of the taxonomy with its French and English wording. Kind-specific fields are null or empty
 * where they do not apply: {@code rgb} for colours, {@code details}/{@code materials} (what applies) for categories,
 * {@code placement} for details ("direct" = said next to the noun, like "sans manches"; otherwise listed after "avec").
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record TaxonomyEntry(String token, Wording fr, Wording en, String rgb, List<String> details,
                            List<String> materials, String placement) {

    public TaxonomyEntry {
        details = details == null ? List.of() : List.copyOf(details);
        materials = materials == null ? List.of() : List.copyOf(materials);
    }

    public Wording wording(Language language) {
        return language == Language.FR ? fr : en;
    }

    public boolean placedDirectly() {
        return "direct".equals(placement);
    }
}
