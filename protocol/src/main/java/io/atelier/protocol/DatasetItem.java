package io.atelier.protocol;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * One curated image of a brand's dataset.
 *
 * @param itemId item id
 * @param brand brand id
 * @param image the stored image
 * @param caption its caption
 * @param tags its tags
 * @param source where it came from
 * @param addedAt ISO-8601 instant it was added
 * @param captionProposed true while the caption is the one the bridge proposed and nobody has confirmed it
 *                        ({@code datasets.update}); absent from older bridges
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record DatasetItem(
        @JsonProperty(required = true) String itemId,
        @JsonProperty(required = true) String brand,
        @JsonProperty(required = true) ImageRef image,
        String caption,
        List<String> tags,
        String source,
        String addedAt,
        Boolean captionProposed) {
}
