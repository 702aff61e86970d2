package io.atelier.protocol;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * Result of {@code models.list}.
 *
 * @param models every model, default first
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ModelsListResult(
        @JsonProperty(required = true) List<ModelInfo> models) {
}
