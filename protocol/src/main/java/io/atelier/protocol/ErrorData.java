package io.atelier.protocol;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The {@code error.data} of every Atelier error: a human sentence and, for invalid params, the param path.
 *
 * @param reason a sentence a user can act on; never a stack trace, class name or path
 * @param field param path such as {@code width} or {@code initImage.base64}; null when not about one field
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ErrorData(
        @JsonProperty(required = true) String reason,
        String field) {
}
