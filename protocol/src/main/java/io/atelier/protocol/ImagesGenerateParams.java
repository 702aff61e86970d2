package io.atelier.protocol;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * Params of {@code images.generate}. No {@code initImage}: text to image. With {@code initImage}: redraw over it
 * ({@code strength} 0..1). With {@code initImage} and {@code mask}: regenerate only the masked part; pixels outside the mask
 * come back unchanged. Every unset number takes the model's default.
 *
 * @param prompt what to draw, in French or English
 * @param negativePrompt what to avoid
 * @param lang {@code fr} or {@code en}; null to detect
 * @param brand brand id; applies its vocabulary and current adapter
 * @param adapter adapter id overriding the brand's current one
 * @param adapterWeight 0..2, default 1
 * @param model model id; null for the default
 * @param width pixels, multiple of 8
 * @param height pixels, multiple of 8
 * @param steps sampling steps
 * @param guidance classifier-free guidance scale
 * @param sampler e.g. {@code ddim}, {@code euler_a}, {@code dpmpp_2m}
 * @param seed same seed, same pixels; null picks one (reported in history)
 * @param count variations: seeds seed, seed+1, ...
 * @param initImage image to redraw over
 * @param strength 0 keeps the init image, 1 ignores it
 * @param mask white/opaque = regenerate; same size as initImage
 * @param palette colours to draw in: each a {@code #rrggbb} or a name of the brand's palette ({@code rouge Exemple}).
 *     The garment is drawn in the entry nearest the prompt's own colour (the first entry when the prompt names none),
 *     told to the model in its words (atelier-micro: the taxonomy colour nearest the entry; a CLIP model: that
 *     colour's English name). Anything else answers -32602 with {@code data.field} {@code palette}. When the model's
 *     garment stays far from the entry (ΔE*ab over 20 in CIELAB), the history record's {@code notes} says so.
 * @param clientRequestId the client's idempotency key (at most 256 characters, e.g. a UUID or a hash of the request):
 *     a submission carrying a key this token already used answers the first job's {@code jobId} and runs nothing
 *     new, for as long as the bridge keeps that job (7 days by default), across restarts. Retry a submission whose
 *     answer was lost with the same key. Null: every submission is a new job.
 * @param loras kohya LoRAs from {@code loras.list} to apply to this request only, each with its weight (-2..2; 0
 *     leaves the model as it is), at most 8 together with the prompt's A1111 {@code <lora:name:weight>} tags; for
 *     Stable Diffusion checkpoints. An unknown name answers -32602 with {@code data.field} {@code loras}. History
 *     records each with its file's sha256.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ImagesGenerateParams(
        @JsonProperty(required = true) String prompt,
        String negativePrompt,
        String lang,
        String brand,
        String adapter,
        Double adapterWeight,
        String model,
        Integer width,
        Integer height,
        Integer steps,
        Double guidance,
        String sampler,
        Long seed,
        Integer count,
        ImageInput initImage,
        Double strength,
        ImageInput mask,
        List<String> palette,
        String clientRequestId,
        List<LoraWeight> loras,
        Boolean paletteLock) {

    /** Without a palette lock. */
    public ImagesGenerateParams(String prompt, String negativePrompt, String lang, String brand, String adapter,
                                Double adapterWeight, String model, Integer width, Integer height, Integer steps,
                                Double guidance, String sampler, Long seed, Integer count, ImageInput initImage,
                                Double strength, ImageInput mask, List<String> palette, String clientRequestId,
                                List<LoraWeight> loras) {
        this(prompt, negativePrompt, lang, brand, adapter, adapterWeight, model, width, height, steps, guidance,
                sampler, seed, count, initImage, strength, mask, palette, clientRequestId, loras, null);
    }

    /** Without an idempotency key. */
    public ImagesGenerateParams(String prompt, String negativePrompt, String lang, String brand, String adapter,
                                Double adapterWeight, String model, Integer width, Integer height, Integer steps,
                                Double guidance, String sampler, Long seed, Integer count, ImageInput initImage,
                                Double strength, ImageInput mask, List<String> palette) {
        this(prompt, negativePrompt, lang, brand, adapter, adapterWeight, model, width, height, steps, guidance,
                sampler, seed, count, initImage, strength, mask, palette, null, null);
    }

    /** Without LoRAs. */
    public ImagesGenerateParams(String prompt, String negativePrompt, String lang, String brand, String adapter,
                                Double adapterWeight, String model, Integer width, Integer height, Integer steps,
                                Double guidance, String sampler, Long seed, Integer count, ImageInput initImage,
                                Double strength, ImageInput mask, List<String> palette, String clientRequestId) {
        this(prompt, negativePrompt, lang, brand, adapter, adapterWeight, model, width, height, steps, guidance,
                sampler, seed, count, initImage, strength, mask, palette, clientRequestId, null);
    }

    /** The same request under the idempotency key {@code key}. */
    public ImagesGenerateParams withClientRequestId(String key) {
        return new ImagesGenerateParams(prompt, negativePrompt, lang, brand, adapter, adapterWeight, model, width,
                height, steps, guidance, sampler, seed, count, initImage, strength, mask, palette, key, loras, paletteLock);
    }

    /** The same request with this palette and lock. */
    public ImagesGenerateParams withPalette(List<String> colours, Boolean lock) {
        return new ImagesGenerateParams(prompt, negativePrompt, lang, brand, adapter, adapterWeight, model, width,
                height, steps, guidance, sampler, seed, count, initImage, strength, mask, colours, clientRequestId,
                loras, lock);
    }

    /** The same request with {@code list} as its LoRAs. */
    public ImagesGenerateParams withLoras(List<LoraWeight> list) {
        return new ImagesGenerateParams(prompt, negativePrompt, lang, brand, adapter, adapterWeight, model, width,
                height, steps, guidance, sampler, seed, count, initImage, strength, mask, palette, clientRequestId,
                list, paletteLock);
    }
}
