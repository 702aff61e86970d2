package io.atelier.protocol;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * What {@code adapters.evaluate} measured for one adapter, with the judge, on held-out prompts.
 *
 * @param brandCodeRateWith share (0..1) of branded generations showing the house codes, with the adapter
 * @param brandCodeRateWithout the same share without the adapter
 * @param forgettingPoints how much the adapter changes non-brand prompts, in percentage points of judge agreement
 * @param contactSheet contact sheet of the evaluation images
 * @param evaluatedAt ISO-8601 instant of the evaluation
 * @param plainCodeRateWith share of non-brand generations showing the house colour with the adapter (it should stay
 *                          low: the adapter must not paint every garment in the house colour)
 * @param houseDetailRateWith share of branded generations showing the house detail, with the adapter
 * @param houseDetailRateWithout the same share without the adapter
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record AdapterEvaluation(
        double brandCodeRateWith,
        double brandCodeRateWithout,
        double forgettingPoints,
        ImageRef contactSheet,
        String evaluatedAt,
        Double plainCodeRateWith,
        Double houseDetailRateWith,
        Double houseDetailRateWithout) {
}
