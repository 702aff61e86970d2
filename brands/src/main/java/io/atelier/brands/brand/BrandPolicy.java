package io.atelier.brands.brand;

/**
 * What a house allows the bridge to do with its material.
 *
 * @param embedPrompt true: generated PNGs carry the prompt in a {@code parameters} chunk; false: history only
 */
public record BrandPolicy(boolean embedPrompt) {

    /** The policy of a brand created without one: the prompt may be embedded (PROTOCOL.md). */
    public static final BrandPolicy DEFAULT = new BrandPolicy(true);
}
