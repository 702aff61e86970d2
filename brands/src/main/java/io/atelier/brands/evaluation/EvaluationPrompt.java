package io.atelier.brands.evaluation;

/**
 * One held-out prompt of a fidelity evaluation.
 *
 * @param branded names the house's codes (its colour is expected) or is a plain prompt (forgetting is measured on it)
 * @param lang fr or en
 * @param text what a designer types
 * @param category the category token the judge should see
 * @param colour the colour token the judge should see; null for branded prompts (the house colour has no token)
 */
public record EvaluationPrompt(boolean branded, String lang, String text, String category, String colour) {
}
