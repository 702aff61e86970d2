package io.atelier.engine.lora;

/**
 * LoRA tensor names in the kohya convention (the one home of its prefixes and suffixes) that A1111, ComfyUI and diffusers' loaders read:
 * {@code lora_unet_<module path with dots as underscores>.lora_down.weight}, {@code .lora_up.weight} and
 * {@code .alpha} (a scalar; the applied scale is {@code alpha / rank}).
 *
 * @param prefix {@code lora_unet_<module_path>}
 */
public record KohyaKeys(String prefix) {

    /** kohya's prefixes: the UNet's modules and the (only, in SD-1.x) text encoder's. */
    public static final String UNET_PREFIX = "lora_unet_";
    public static final String TEXT_PREFIX = "lora_te_";

    /** Keys for the UNet module at {@code modulePath} ({@code down_blocks.0.attentions.0.to_q}). */
    public static KohyaKeys forUnetModule(String modulePath) {
        if (modulePath == null || modulePath.isBlank()) {
            throw new IllegalArgumentException("a module path is needed");
        }
        return new KohyaKeys(UNET_PREFIX + modulePath.replace('.', '_'));
    }

    /**
     * Keys for the module that owns a parameter named as in the model's state dict
     * ({@code down_blocks.0.attentions.0.to_q.weight} gives the module {@code down_blocks.0.attentions.0.to_q}).
     */
    public static KohyaKeys forUnetParameter(String parameterName) {
        int dot = parameterName.lastIndexOf('.');
        return forUnetModule(dot < 0 ? parameterName : parameterName.substring(0, dot));
    }

    public String down() {
        return prefix + ".lora_down.weight";
    }

    public String up() {
        return prefix + ".lora_up.weight";
    }

    public String alpha() {
        return prefix + ".alpha";
    }
}
