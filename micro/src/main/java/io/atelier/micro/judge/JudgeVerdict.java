package io.atelier.micro.judge;

import java.util.List;
import java.util.Map;

/**
 * What the judge sees in an image.
 *
 * @param category    the most likely category token
 * @param colour      the most likely colour token
 * @param pattern     the most likely pattern token
 * @param details     the detail tokens with probability ≥ 0.5, in canonical order
 * @param confidences probability of each reported token (softmax for the three heads, sigmoid for details), plus
 *                    every detail's probability under "detail:<token>"
 */
public record JudgeVerdict(String category, String colour, String pattern, List<String> details,
                           Map<String, Double> confidences) {

    public JudgeVerdict {
        details = List.copyOf(details);
        confidences = Map.copyOf(confidences);
    }
}
