package io.atelier.protocol;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Params of {@code adapters.train}: trains a low-rank adapter (LoRA) on the brand's dataset, as a job whose
 * {@code jobs.progress} reports the steps. Unset numbers take the bridge's defaults.
 *
 * @param brand brand id; its dataset must not be empty
 * @param steps optimiser steps
 * @param rank LoRA rank
 * @param learningRate optimiser learning rate
 * @param seed same seed and dataset, same adapter
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record AdaptersTrainParams(
        @JsonProperty(required = true) String brand,
        Integer steps,
        Integer rank,
        Double learningRate,
        Long seed) {
}
