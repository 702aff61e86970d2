package io.atelier.protocol;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * Params of {@code datasets.update}: a stylist confirms or rewrites an item's caption, or retags it.
 *
 * @param brand brand id
 * @param itemId the item
 * @param caption the new caption; null keeps the current one (which confirms a proposed caption as it stands)
 * @param tags the new tags, replacing the old ones; null keeps them
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record DatasetsUpdateParams(
        @JsonProperty(required = true) String brand,
        @JsonProperty(required = true) String itemId,
        String caption,
        List<String> tags) {
}
