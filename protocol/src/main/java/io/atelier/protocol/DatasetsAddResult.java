package io.atelier.protocol;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Result of {@code datasets.add}.
 *
 * @param itemId id of the dataset item (the same image added twice gives the same item: duplicates are found by hash)
 * @param proposedCaption set when the request had no caption: the caption the bridge proposed and stored, for the user to confirm
 * @param duplicate true when the image was already in the brand's dataset; nothing was added
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record DatasetsAddResult(
        @JsonProperty(required = true) String itemId,
        String proposedCaption,
        boolean duplicate) {
}
