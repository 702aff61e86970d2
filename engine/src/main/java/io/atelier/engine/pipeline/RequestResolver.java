package io.atelier.engine.pipeline;

import io.atelier.engine.AdapterSpec;
import io.atelier.engine.GenerationRequest;
import io.atelier.engine.GenerationSettings;
import io.atelier.engine.InvalidGenerationParameterException;
import io.atelier.engine.image.ImagePadding;
import io.atelier.engine.model.LoraFolder;
import io.atelier.engine.model.ModelManifest;
import io.atelier.engine.sampler.SamplerKind;
import io.atelier.engine.text.LoraTags;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/** Fills a request's defaults from the model and checks every range, naming the field at fault. */
public final class RequestResolver {
    public static final int MAX_STEPS = 150;
    public static final int MAX_COUNT = 8;
    public static final double MAX_GUIDANCE = 30.0;
    public static final int MAX_PROMPT_CHARS = 4000;
    /** Default strength of a redraw without a mask (diffusers' img2img default). */
    public static final double DEFAULT_REDRAW_STRENGTH = 0.75;
    /** kohya LoRAs merged into one batch's weights at most. */
    public static final int MAX_LORAS = 8;

    private RequestResolver() {
    }

    /** Without a LoRA folder: a prompt's {@code <lora:...>} tags name unknown LoRAs. */
    public static GenerationSettings resolve(GenerationRequest r, ModelManifest m) {
        return resolve(r, m, LoraFolder.NONE);
    }

    /** @param loraFolder where the prompt's {@code <lora:name:weight>} tags find their files */
    public static GenerationSettings resolve(GenerationRequest r, ModelManifest m, LoraFolder loraFolder) {
        // Step 1: texts; the prompt's LoRA tags are taken out of it.
        String prompt = r.prompt() == null ? "" : r.prompt();
        String negative = r.negativePrompt() == null ? "" : r.negativePrompt();
        check(prompt.length() <= MAX_PROMPT_CHARS, "prompt", "prompt is longer than " + MAX_PROMPT_CHARS + " characters");
        check(negative.length() <= MAX_PROMPT_CHARS, "negativePrompt",
                "negativePrompt is longer than " + MAX_PROMPT_CHARS + " characters");
        check(!LoraTags.hasTag(negative), "negativePrompt", "<lora:...> tags belong in the prompt, not the"
                + " negativePrompt (a negative weight in the prompt pushes away from a LoRA)");
        LoraTags.Parsed tagged;
        try {
            tagged = LoraTags.parse(prompt);
        } catch (IllegalArgumentException e) {
            throw new InvalidGenerationParameterException("prompt", e.getMessage());
        }
        prompt = tagged.prompt();

        // Step 2: size, from the request, else the init image, else the model's native size. A text-to-image size
        // must suit the model; an init image may have any size (the pipeline pads it and crops the result).
        boolean redraw = r.initImage() != null;
        int width = r.width() != null ? r.width() : redraw ? r.initImage().getWidth() : m.nativeWidth();
        int height = r.height() != null ? r.height() : redraw ? r.initImage().getHeight() : m.nativeHeight();
        if (!redraw) {
            checkSize("width", width, m);
            checkSize("height", height, m);
        }
        check(width > 0 && height > 0, "initImage", "initImage is empty");
        long padded = (long) ImagePadding.roundUp(width, m.effectiveSizeMultiple())
                * ImagePadding.roundUp(height, m.effectiveSizeMultiple());
        check(padded <= m.effectiveMaxPixels(), redraw ? "initImage" : "width",
                (redraw ? "initImage" : "width x height") + " is over this model's limit of "
                        + m.effectiveMaxPixels() + " pixels");
        if (redraw) {
            check(r.initImage().getWidth() == width && r.initImage().getHeight() == height, "initImage",
                    "initImage is " + r.initImage().getWidth() + "x" + r.initImage().getHeight()
                            + " but the requested size is " + width + "x" + height);
        }

        // Step 3: sampling parameters.
        int steps = r.steps() != null ? r.steps() : m.scheduler().defaultSteps();
        check(steps >= 1 && steps <= MAX_STEPS, "steps", "steps must be between 1 and " + MAX_STEPS);
        double guidance = r.guidance() != null ? r.guidance() : m.scheduler().defaultGuidance();
        check(guidance >= 0 && guidance <= MAX_GUIDANCE && !Double.isNaN(guidance), "guidance",
                "guidance must be between 0 and " + MAX_GUIDANCE);
        String samplerName = r.sampler() != null ? r.sampler() : m.scheduler().defaultSampler();
        SamplerKind sampler = SamplerKind.byWireName(samplerName).orElseThrow(() -> new InvalidGenerationParameterException(
                "sampler", "sampler must be one of " + String.join(", ", SamplerKind.wireNames())));
        int count = r.count() != null ? r.count() : 1;
        check(count >= 1 && count <= MAX_COUNT, "count", "count must be between 1 and " + MAX_COUNT);
        long seed = r.seed() != null ? r.seed() : ThreadLocalRandom.current().nextLong(0, 1L << 32);

        // Step 4: redraw and regenerate-selection.
        boolean masked = r.mask() != null;
        check(!masked || redraw, "mask", "a mask needs an initImage");
        check(r.strength() == null || redraw, "strength", "strength needs an initImage");
        if (masked) {
            check(r.mask().getWidth() == width && r.mask().getHeight() == height, "mask",
                    "mask is " + r.mask().getWidth() + "x" + r.mask().getHeight() + " but initImage is "
                            + width + "x" + height);
        }
        double strength = r.strength() != null ? r.strength() : masked ? 1.0 : redraw ? DEFAULT_REDRAW_STRENGTH : 1.0;
        check(strength >= 0 && strength <= 1 && !Double.isNaN(strength), "strength", "strength must be between 0 and 1");

        // Step 5: the adapter; its file is read when the batch runs (a missing or foreign file fails there).
        AdapterSpec adapter = r.adapter();
        if (adapter != null) {
            check(adapter.weight() >= 0 && adapter.weight() <= AdapterSpec.MAX_WEIGHT && !Double.isNaN(adapter.weight()),
                    "adapterWeight", "adapterWeight must be between 0 and " + AdapterSpec.MAX_WEIGHT);
            if (adapter.isNeutral()) {
                adapter = null;
            }
        }

        // Step 6: kohya LoRAs, listed then tagged; files are checked for fit when the batch runs.
        List<AdapterSpec> loras = new ArrayList<>();
        for (AdapterSpec lora : r.loras()) {
            check(Files.isRegularFile(lora.file()), "loras", "LoRA file " + lora.file().getFileName()
                    + " does not exist");
            loras.add(checkLoraWeight(lora, "loras"));
        }
        for (LoraTags.Tag tag : tagged.tags()) {
            loras.add(checkLoraWeight(new AdapterSpec(loraFolder.resolve(tag.name(), "prompt"), tag.weight()),
                    "prompt"));
        }
        loras.removeIf(AdapterSpec::isNeutral);
        check(loras.size() <= MAX_LORAS, "loras", "at most " + MAX_LORAS + " LoRAs apply at once");

        return new GenerationSettings(m.id(), prompt, negative, width, height, steps, guidance, sampler, seed, count,
                strength, redraw, masked, adapter, loras);
    }

    private static AdapterSpec checkLoraWeight(AdapterSpec lora, String field) {
        check(Math.abs(lora.weight()) <= AdapterSpec.MAX_WEIGHT && !Double.isNaN(lora.weight()), field,
                "LoRA " + lora.file().getFileName() + ": the weight must be between -" + AdapterSpec.MAX_WEIGHT
                        + " and " + AdapterSpec.MAX_WEIGHT);
        return lora;
    }

    private static void checkSize(String field, int value, ModelManifest m) {
        int multiple = m.effectiveSizeMultiple();
        check(value >= multiple && value % multiple == 0, field,
                field + " must be a positive multiple of " + multiple + " for model '" + m.id() + "'");
    }

    private static void check(boolean condition, String field, String reason) {
        if (!condition) {
            throw new InvalidGenerationParameterException(field, reason);
        }
    }
}
