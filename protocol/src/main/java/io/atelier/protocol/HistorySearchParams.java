package io.atelier.protocol;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * Params of {@code history.search}.
 *
 * @param brand only this brand's records; null for every brand the token may see
 * @param text words to find in the prompt, resolved prompt or caption
 * @param limit at most this many, newest first (default 50, max 500)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record HistorySearchParams(
        String brand,
        String text,
        Integer limit) {
}
