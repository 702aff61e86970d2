package io.atelier.engine;

import java.awt.image.BufferedImage;
import java.util.List;

/**
 * Everything one generation needs; null numbers take the model's defaults. Images are already decoded (see
 * {@link io.atelier.engine.image.ImageDecoding}); the prompt is already in the model's vocabulary (the bridge resolves
 * French and brand words before calling).
 *
 * @param model model id; null for the default
 * @param width pixels; with an init image, null means the image's width
 * @param seed null picks one (returned in the result)
 * @param count variations with seeds seed, seed+1, ...
 * @param initImage redraw over it; null for text to image
 * @param strength 0 keeps the init image, 1 ignores it; default 0.75, or 1 with a mask
 * @param mask white/opaque = regenerate; same size as the init image
 * @param adapter a LoRA adapter for this request only; null for the base model
 * @param loras kohya LoRAs for this request only, each with its weight ({@code -}{@link AdapterSpec#MAX_WEIGHT} to
 *     {@link AdapterSpec#MAX_WEIGHT}; negative pushes away from what it learnt); they add up. The prompt's A1111 tags
 *     ({@code <lora:name:weight>}) add more. Never null (null is read as none).
 */
public record GenerationRequest(
        String model,
        String prompt,
        String negativePrompt,
        Integer width,
        Integer height,
        Integer steps,
        Double guidance,
        String sampler,
        Long seed,
        Integer count,
        BufferedImage initImage,
        Double strength,
        BufferedImage mask,
        AdapterSpec adapter,
        List<AdapterSpec> loras) {

    public GenerationRequest {
        loras = loras == null ? List.of() : List.copyOf(loras);
    }

    /** A request for {@code prompt} with every other setting at the model's default; the {@code with…} methods set
     * the rest by name (a request is never built from its fifteen values in a row outside this record). */
    public static GenerationRequest of(String prompt) {
        return new GenerationRequest(null, prompt, null, null, null, null, null, null, null, null, null, null, null, null,
                List.of());
    }

    public GenerationRequest withAdapter(AdapterSpec value) {
        return new GenerationRequest(model, prompt, negativePrompt, width, height, steps, guidance, sampler, seed,
                count, initImage, strength, mask, value, loras);
    }

    public GenerationRequest withLoras(List<AdapterSpec> value) {
        return new GenerationRequest(model, prompt, negativePrompt, width, height, steps, guidance, sampler, seed,
                count, initImage, strength, mask, adapter, value);
    }

    public GenerationRequest withModel(String value) {
        return new GenerationRequest(value, prompt, negativePrompt, width, height, steps, guidance, sampler, seed,
                count, initImage, strength, mask, adapter, loras);
    }

    public GenerationRequest withNegativePrompt(String value) {
        return new GenerationRequest(model, prompt, value, width, height, steps, guidance, sampler, seed,
                count, initImage, strength, mask, adapter, loras);
    }

    public GenerationRequest withSize(Integer w, Integer h) {
        return new GenerationRequest(model, prompt, negativePrompt, w, h, steps, guidance, sampler, seed,
                count, initImage, strength, mask, adapter, loras);
    }

    public GenerationRequest withSteps(Integer value) {
        return new GenerationRequest(model, prompt, negativePrompt, width, height, value, guidance, sampler, seed,
                count, initImage, strength, mask, adapter, loras);
    }

    public GenerationRequest withGuidance(Double value) {
        return new GenerationRequest(model, prompt, negativePrompt, width, height, steps, value, sampler, seed,
                count, initImage, strength, mask, adapter, loras);
    }

    public GenerationRequest withSampler(String value) {
        return new GenerationRequest(model, prompt, negativePrompt, width, height, steps, guidance, value, seed,
                count, initImage, strength, mask, adapter, loras);
    }

    public GenerationRequest withSeed(Long value) {
        return new GenerationRequest(model, prompt, negativePrompt, width, height, steps, guidance, sampler, value,
                count, initImage, strength, mask, adapter, loras);
    }

    public GenerationRequest withCount(Integer value) {
        return new GenerationRequest(model, prompt, negativePrompt, width, height, steps, guidance, sampler, seed,
                value, initImage, strength, mask, adapter, loras);
    }

    public GenerationRequest withInitImage(BufferedImage image, Double strengthValue) {
        return new GenerationRequest(model, prompt, negativePrompt, width, height, steps, guidance, sampler, seed,
                count, image, strengthValue, mask, adapter, loras);
    }

    public GenerationRequest withMask(BufferedImage value) {
        return new GenerationRequest(model, prompt, negativePrompt, width, height, steps, guidance, sampler, seed,
                count, initImage, strength, value, adapter, loras);
    }
}
