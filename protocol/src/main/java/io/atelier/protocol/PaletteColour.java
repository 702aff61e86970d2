package io.atelier.protocol;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * A named colour of a brand's palette.
 *
 * @param name the house's name for it, e.g. {@code rouge Exemple}
 * @param hex {@code #rrggbb}, lower case
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record PaletteColour(
        @JsonProperty(required = true) String name,
        @JsonProperty(required = true) String hex) {
}
