package io.atelier.protocol;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * What {@code adapters.evaluate} measured for one adapter on held-out prompts, each drawn with the same seeds with and
 * without the adapter. The house codes are found in the pixels for every model; judge figures need the judge, which
 * reads atelier-micro's images only: for an adapter of another model (an SD-1.x checkpoint) they are absent and
 * {@code notMeasured} says why.
 *
 * @param brandCodeRateWith share (0..1) of branded generations showing the house codes, with the adapter
 * @param brandCodeRateWithout the same share without the adapter
 * @param forgettingPoints how much the adapter changes non-brand prompts, in percentage points of judge agreement;
 *                         absent when no judge read the images (see {@code notMeasured})
 * @param contactSheet contact sheet of the evaluation images
 * @param evaluatedAt ISO-8601 instant of the evaluation
 * @param plainCodeRateWith share of non-brand generations showing the house colour with the adapter (it should stay
 *                          low: the adapter must not paint every garment in the house colour)
 * @param houseDetailRateWith share of branded generations showing the house detail, with the adapter
 * @param houseDetailRateWithout the same share without the adapter
 * @param brandCodeRateWithFrench {@code brandCodeRateWith} on the French branded prompts only; absent when the house
 *                                has no French word for its code
 * @param brandCodeRateWithEnglish the same on the English branded prompts (same seeds as the French ones)
 * @param brandCategoryAgreementWith share of branded generations, with the adapter, whose category the judge reads as
 *                                   asked; absent when no judge read the images
 * @param plainColourDrift mean colour-histogram distance (0..1: total variation over 512 RGB bins) between each plain
 *                         prompt's image without and with the adapter, same seed: a judge-free measure of how much the
 *                         adapter changes what it should leave alone
 * @param brandColourDrift the same on branded prompts, where the adapter is meant to act
 * @param imageSize side in pixels of the square evaluation images
 * @param samplerSteps sampler steps of each evaluation image
 * @param seedsPerPrompt images per prompt, each drawn once without and once with the adapter
 * @param notMeasured the figures left out and why (e.g. {@code forgettingPoints} for an SD-1.x adapter, the
 *                    house-detail rates for a brand without a detail detector)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record AdapterEvaluation(
        double brandCodeRateWith,
        double brandCodeRateWithout,
        Double forgettingPoints,
        ImageRef contactSheet,
        String evaluatedAt,
        Double plainCodeRateWith,
        Double houseDetailRateWith,
        Double houseDetailRateWithout,
        Double brandCodeRateWithFrench,
        Double brandCodeRateWithEnglish,
        Double brandCategoryAgreementWith,
        Double plainColourDrift,
        Double brandColourDrift,
        Integer imageSize,
        Integer samplerSteps,
        Integer seedsPerPrompt,
        List<NotMeasured> notMeasured) {
}
