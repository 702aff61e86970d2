package io.atelier.engine;

import java.nio.file.Path;
import java.util.Objects;

/**
 * A low-rank adapter to apply to one generation: a safetensors file with kohya-style keys
 * ({@code lora_unet_<module>.lora_down.weight}, {@code .lora_up.weight}, {@code .alpha}) and the weight it is applied
 * with, scaled by {@code weight * alpha / rank}, for the requests of one batch only; requests with different adapters
 * never share a batch. An atelier package copies the file's projections into its UNet's LoRA slots; an SD-1.x
 * checkpoint merges them into copies of the tensors they change (kohya LoRAs, see
 * {@link GenerationRequest#loras()}).
 *
 * @param file the adapter file (the bridge resolves ids to files; the engine never sees ids)
 * @param weight as the {@code adapter}: 0 (no effect: the output is the base model's, bit for bit) to
 *     {@link #MAX_WEIGHT}; as one of {@code loras}: {@code -MAX_WEIGHT} to {@code MAX_WEIGHT}
 */
public record AdapterSpec(Path file, double weight) {
    public static final double MAX_WEIGHT = 2.0;

    public AdapterSpec {
        Objects.requireNonNull(file, "file");
        file = file.toAbsolutePath().normalize();
    }

    public static AdapterSpec of(Path file, double weight) {
        return new AdapterSpec(file, weight);
    }

    /** A weight of 0 leaves the base model untouched. */
    public boolean isNeutral() {
        return weight == 0.0;
    }
}
