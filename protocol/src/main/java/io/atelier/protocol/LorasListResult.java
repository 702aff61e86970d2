package io.atelier.protocol;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * Result of {@code loras.list}.
 *
 * @param loras every {@code .safetensors} file in {@code <home>/loras/}, sorted by name
 */
public record LorasListResult(@JsonProperty(required = true) List<LoraInfo> loras) {
}
