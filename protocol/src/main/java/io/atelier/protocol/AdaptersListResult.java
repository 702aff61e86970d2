package io.atelier.protocol;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * Result of {@code adapters.list}: a brand's adapters, newest first.
 *
 * @param adapters the adapters
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record AdaptersListResult(
        @JsonProperty(required = true) List<AdapterInfo> adapters) {
}
