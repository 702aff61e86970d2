package io.atelier.protocol;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * A LoRA a generation applied, as history keeps it (see {@code HistoryRecord.loras}).
 *
 * @param name its name in {@code <home>/loras/}
 * @param weight the weight it was applied with
 * @param sha256 the file's hash when it was applied: the same name with another hash is another LoRA
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record AppliedLora(
        @JsonProperty(required = true) String name,
        @JsonProperty(required = true) double weight,
        String sha256) {
}
