package io.atelier.protocol;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * Result of {@code history.search}: matching records, newest first.
 *
 * @param records the records
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record HistorySearchResult(
        @JsonProperty(required = true) List<HistoryRecord> records) {
}
