package io.atelier.protocol;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * Result of {@code models.list}.
 *
 * @param models every model, default first
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ModelsListResult(
        List<ModelInfo> models) {
}
