package io.atelier.brands.evaluation;

/**
 * What one prompt gave over its seeds, without and with the adapter.
 *
 * @param prompt the held-out prompt
 * @param modelPrompt its resolution into the model's tokens
 * @param images seeds generated (each once without and once with the adapter)
 * @param codeWithout images showing the house colour without the adapter
 * @param codeWith images showing it with the adapter
 * @param detailWithout images showing the house detail without the adapter (0 when the plan measures none)
 * @param detailWith images showing it with the adapter
 * @param agreeWithout images whose judge verdict matches the asked category (and colour, for plain prompts), without
 * @param agreeWith the same with the adapter (both 0 when no judge read the images)
 * @param colourDrift mean {@link ColourDrift} between each seed's image without and with the adapter
 */
public record EvaluationRow(EvaluationPrompt prompt, String modelPrompt, int images, int codeWithout, int codeWith,
                            int detailWithout, int detailWith,
                            int agreeWithout, int agreeWith, double colourDrift) {
}
