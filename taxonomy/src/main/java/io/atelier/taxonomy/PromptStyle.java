package io.atelier.taxonomy;

/**
 * How a designer's words are written for a model, decided by the model's family ({@code family} in its
 * {@code model.json}): atelier-micro's text encoder knows only the taxonomy's canonical tokens; every other family is
 * taken for a CLIP text encoder (Stable Diffusion checkpoints, family {@code sd1}), which reads natural English.
 */
public enum PromptStyle {
    /** The canonical prompt: tokens in canonical order, everything else left out ({@link TaxonomyResolver}). */
    CANONICAL_TOKENS,
    /** The designer's own text with French terms in English and the rest as written ({@link PromptGlossary}). */
    GLOSSARY;

    /** The family of atelier-micro and of the engine's tiny test model. */
    public static final String ATELIER_MICRO_FAMILY = "atelier-micro";

    /** Canonical tokens for {@value #ATELIER_MICRO_FAMILY}; the glossary for any other family, or none declared. */
    public static PromptStyle forFamily(String family) {
        return ATELIER_MICRO_FAMILY.equals(family) ? CANONICAL_TOKENS : GLOSSARY;
    }
}
