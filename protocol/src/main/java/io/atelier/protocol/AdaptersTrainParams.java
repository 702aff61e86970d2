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
 * @param model the model to train on (an id from {@code models.list}); unset: atelier-micro. On an SD-1.x checkpoint
 *     the adapter is a kohya LoRA of the UNet's attention projections, which A1111 and ComfyUI load too; an unknown
 *     id answers -32602 with {@code data.field} {@code model}
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record AdaptersTrainParams(
        @JsonProperty(required = true) String brand,
        Integer steps,
        Integer rank,
        Double learningRate,
        Long seed,
        String model) {
}
