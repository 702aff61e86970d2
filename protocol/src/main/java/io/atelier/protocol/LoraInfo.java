package io.atelier.protocol;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * One LoRA file of the bridge (see {@code loras.list}).
 *
 * @param name what requests name it by: the file name in {@code <home>/loras/} without {@code .safetensors}
 * @param sizeBytes the file's size
 * @param problem why it cannot be applied (not safetensors, not a kohya LoRA), as a sentence; absent when it reads
 *                as a kohya LoRA. Whether it fits a model's architecture is checked when a request applies it.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record LoraInfo(
        @JsonProperty(required = true) String name,
        long sizeBytes,
        String problem) {
}
