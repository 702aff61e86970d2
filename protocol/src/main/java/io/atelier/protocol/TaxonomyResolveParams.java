package io.atelier.protocol;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Params of {@code taxonomy.resolve}: the designer's words to turn into the model prompt.
 *
 * @param brand brand id whose vocabulary is applied on top of the shared taxonomy; null for the shared taxonomy only
 * @param text free text in French or English, e.g. {@code robe rouge à rayures avec ceinture}
 * @param lang {@code fr} or {@code en}; null to detect
 * @param model id of the model the prompt is for (as in {@code models.list}); null for the default model. The prompt
 *              is written the way that model reads it: canonical tokens for an {@code atelier-micro} model, the
 *              glossary text for any other (CLIP text encoders). An unknown model answers {@code -32004} with
 *              {@code data.field} {@code model}
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record TaxonomyResolveParams(
        String brand,
        @JsonProperty(required = true) String text,
        String lang,
        String model) {
}
