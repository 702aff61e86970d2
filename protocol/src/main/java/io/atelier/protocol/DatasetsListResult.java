package io.atelier.protocol;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * Result of {@code datasets.list}: a brand's dataset, oldest first.
 *
 * @param items the items
 * @param datasetSha256 hash over the items' image hashes and captions; recorded with every adapter trained on it
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record DatasetsListResult(
        @JsonProperty(required = true) List<DatasetItem> items,
        @JsonProperty(required = true) String datasetSha256) {
}
