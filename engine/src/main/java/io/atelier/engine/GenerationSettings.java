package io.atelier.engine;

import io.atelier.engine.sampler.SamplerKind;
import java.util.Comparator;
import java.util.List;

/**
 * A request with every default filled in and every range checked: what was actually run (history and the PNG's
 * parameters chunk are written from it).
 *
 * @param firstSeed the seed of the first image; image k used firstSeed + k
 * @param strength 1 for text to image
 * @param redraw an init image is present
 * @param masked a mask is present (regenerate selection)
 * @param adapter the LoRA adapter applied; null for the base model (a weight of 0 resolves to null)
 * @param loras the kohya LoRAs applied besides the adapter: the request's list, then the prompt's
 *     {@code <lora:name:weight>} tags resolved to files (the prompt above is the text without them); weight-0
 *     entries are left out. Never null.
 */
public record GenerationSettings(
        String modelId,
        String prompt,
        String negativePrompt,
        int width,
        int height,
        int steps,
        double guidance,
        SamplerKind sampler,
        long firstSeed,
        int count,
        double strength,
        boolean redraw,
        boolean masked,
        AdapterSpec adapter,
        List<AdapterSpec> loras) {

    /** Orders a batch's LoRAs the same whatever order a request listed them in. */
    private static final Comparator<AdapterSpec> CANONICAL = Comparator.comparing(AdapterSpec::file)
            .thenComparingDouble(AdapterSpec::weight);

    public GenerationSettings {
        loras = loras == null ? List.of() : List.copyOf(loras);
    }

    /** Without kohya LoRAs (the form before they existed). */
    public GenerationSettings(String modelId, String prompt, String negativePrompt, int width, int height, int steps,
                              double guidance, SamplerKind sampler, long firstSeed, int count, double strength,
                              boolean redraw, boolean masked, AdapterSpec adapter) {
        this(modelId, prompt, negativePrompt, width, height, steps, guidance, sampler, firstSeed, count, strength,
                redraw, masked, adapter, List.of());
    }

    /** Without an adapter (the form before adapters existed). */
    public GenerationSettings(String modelId, String prompt, String negativePrompt, int width, int height, int steps,
                              double guidance, SamplerKind sampler, long firstSeed, int count, double strength,
                              boolean redraw, boolean masked) {
        this(modelId, prompt, negativePrompt, width, height, steps, guidance, sampler, firstSeed, count, strength,
                redraw, masked, null, List.of());
    }

    /**
     * Requests with equal keys can share UNet forwards step by step (so one adapter and one set of LoRAs, or none,
     * per batch).
     *
     * @param loras in a canonical order: the same LoRAs listed in another order are the same set
     */
    public record BatchKey(String modelId, int width, int height, int steps, double guidance, SamplerKind sampler,
                           int startLevel, AdapterSpec adapter, List<AdapterSpec> loras) {
    }

    /** The noise level sampling starts from: 0 for text to image; later for a redraw with strength below 1. */
    public int startLevel() {
        if (!redraw) {
            return 0;
        }
        // As diffusers' img2img: strength s runs the last floor(steps * s) steps.
        int stepsRun = Math.min((int) (steps * strength), steps);
        return steps - stepsRun;
    }

    public BatchKey batchKey() {
        return new BatchKey(modelId, width, height, steps, guidance, sampler, startLevel(), adapter,
                loras.stream().sorted(CANONICAL).toList());
    }

    /**
     * Classifier-free guidance runs (with its unconditional row) only for a scale above 1, as in diffusers: distilled
     * models (SD-Turbo, LCM) are run with guidance 0 or 1, which means the conditional prediction alone.
     */
    public boolean usesGuidance() {
        return guidance > 1.0;
    }
}
