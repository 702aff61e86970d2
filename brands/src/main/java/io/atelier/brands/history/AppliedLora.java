package io.atelier.brands.history;

/**
 * A kohya LoRA a generation applied.
 *
 * @param name   its name in {@code <home>/loras/} (the file name without {@code .safetensors})
 * @param weight the weight it was applied with
 * @param sha256 the file's hash then; null when it could not be read
 */
public record AppliedLora(String name, double weight, String sha256) {
}
