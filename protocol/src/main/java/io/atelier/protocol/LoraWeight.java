package io.atelier.protocol;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * One LoRA a request applies (see {@code ImagesGenerateParams.loras}).
 *
 * @param name as {@code loras.list} names it: its file name in {@code <home>/loras/} without {@code .safetensors}
 * @param weight -2..2; 1 as trained, 0 no effect, negative pushes away from what it learnt
 */
public record LoraWeight(
        @JsonProperty(required = true) String name,
        @JsonProperty(required = true) double weight) {
}
