package io.atelier.engine.model;

/**
 * One file of the LoRA folder as {@code loras.list} shows it.
 *
 * @param name what a request names it by (the file name without {@code .safetensors})
 * @param sizeBytes the file's size
 * @param problem why it cannot be applied, as a sentence naming the file; null when it reads as a kohya LoRA (whether
 *                it fits a given model is checked when a request applies it)
 */
public record LoraFileInfo(String name, long sizeBytes, String problem) {
}
