package io.atelier.protocol;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Params of {@code adapters.evaluate}: a job that generates held-out prompts with and without the adapter on the model
 * it was trained on, finds the house codes in the images (and, on atelier-micro, asks the judge what it sees), stores
 * an {@link AdapterEvaluation} on the adapter and returns the contact sheet as its result.
 *
 * @param brand brand id
 * @param adapter adapter id
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record AdaptersEvaluateParams(
        @JsonProperty(required = true) String brand,
        @JsonProperty(required = true) String adapter) {
}
