package io.atelier.protocol;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * A figure an evaluation leaves out, and why: the figure's field is then absent from the {@link AdapterEvaluation},
 * rather than present with a value nobody measured.
 *
 * @param field the absent field of {@link AdapterEvaluation}, e.g. {@code forgettingPoints}
 * @param reason why it was not measured, as a sentence
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record NotMeasured(
        @JsonProperty(required = true) String field,
        @JsonProperty(required = true) String reason) {
}
