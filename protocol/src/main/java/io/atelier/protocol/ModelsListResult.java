package io.atelier.protocol;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * Result of {@code models.list}.
 *
 * @param models every model, default first
 * @param problems one sentence per file or folder under {@code <home>/models/} that could not be used, naming it (by
 *                 its name, never its full path) and saying why, e.g. a truncated checkpoint or a refused
 *                 {@code .ckpt}; empty when every file is usable; absent from bridges older than this field
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ModelsListResult(
        @JsonProperty(required = true) List<ModelInfo> models,
        List<String> problems) {

    /** A listing without problems. */
    public ModelsListResult(List<ModelInfo> models) {
        this(models, null);
    }
}
