package io.atelier.bridge.generate;

import io.atelier.brands.BrandScope;
import io.atelier.brands.BrandStore;
import io.atelier.brands.InvalidInputException;
import io.atelier.brands.NotFoundException;
import io.atelier.brands.brand.Brand;
import io.atelier.bridge.rpc.AtelierException;
import io.atelier.bridge.rpc.Caller;
import io.atelier.protocol.ErrorCodes;
import io.atelier.taxonomy.AttributeKind;
import io.atelier.taxonomy.PromptStyle;
import io.atelier.taxonomy.Taxonomy;

/**
 * The designer's words to the model's prompt, exactly as {@code taxonomy.resolve} reads them: the shared French/English
 * taxonomy plus the brand's own vocabulary, written the way the model reads prompts ({@link PromptStyle}, from its
 * family). For atelier-micro, French and English words land on the same canonical tokens, so the two languages give
 * the same image for the same seed; a CLIP model gets the glossary text (French terms and house words in English).
 */
public final class PromptResolution {
    private final BrandStore brands;

    /** @param negativePrompt null when none was given */
    record Resolved(String prompt, String negativePrompt) {
    }

    public PromptResolution(BrandStore brands) {
        this.brands = brands;
    }

    /** The brand, when named and visible to the caller; another brand's reads as not found. */
    public Brand brand(Caller caller, String brandOrNull) {
        if (brandOrNull == null) {
            return null;
        }
        BrandScope scope = caller.brandScope();
        try {
            return brands.brands().get(scope, brandOrNull);
        } catch (NotFoundException e) {
            throw new AtelierException(ErrorCodes.NOT_FOUND, "No brand named '" + brandOrNull + "'.", "brand");
        }
    }

    /** The taxonomy colour token the prompt names (its canonical reading), or null when it names none. */
    String colourToken(Brand brandOrNull, String prompt, String lang) {
        try {
            return brands.resolver().resolve(brandOrNull, prompt, lang, PromptStyle.CANONICAL_TOKENS).tokens().stream()
                    .filter(t -> Taxonomy.standard().kindOf(t).orElse(null) == AttributeKind.COLOUR)
                    .findFirst().orElse(null);
        } catch (InvalidInputException e) {
            return null; // resolve() reports the same fault with its field
        }
    }

    /**
     * The brand's codes whether or not the designer typed the house's words: a designer who picks the house gets what
     * its adapter learnt. Its adapter learnt the house under the brand's trigger token, which only house words put in
     * the prompt; so when the brand's adapter applies (weight above 0) and the prompt lacks the trigger, it goes at the
     * head, where training put it: in canonical tokens for atelier-micro, and as the leading tag of the kohya captions
     * an SD-1.x checkpoint's brand adapter learnt from ("brand_0 Exemple green dress").
     */
    Resolved withHouseCodes(Resolved prompt, Brand brandOrNull, boolean adapterApplies) {
        if (brandOrNull == null || !adapterApplies
                || (" " + prompt.prompt() + " ").contains(" " + brandOrNull.triggerToken() + " ")) {
            return prompt;
        }
        return new Resolved((brandOrNull.triggerToken() + " " + prompt.prompt()).trim(), prompt.negativePrompt());
    }

    /** @param style how the model the request runs on reads prompts ({@link PromptStyle#forFamily} of its family) */
    Resolved resolve(Brand brandOrNull, String prompt, String negativeOrNull, String lang, PromptStyle style) {
        try {
            String positive = brands.resolver().resolve(brandOrNull, prompt, lang, style).prompt();
            String negative = negativeOrNull == null || negativeOrNull.isBlank() ? null
                    : brands.resolver().resolve(brandOrNull, negativeOrNull, lang, style).prompt();
            return new Resolved(positive, negative);
        } catch (InvalidInputException e) {
            String field = "text".equals(e.field()) ? "prompt" : e.field();
            throw AtelierException.invalidParams(field, Character.toUpperCase(e.reason().charAt(0))
                    + e.reason().substring(1) + ".");
        }
    }
}
