package io.atelier.preview.garment;

import java.util.Arrays;
import java.util.Locale;

/**
 * Fabric presets: PBR roughness and metalness, and the relief the procedural normal map imitates, with its
 * frequency on the cloth (bumps per metre) and depth. Roughness follows measured-material libraries loosely: silk's
 * low roughness is its sheen, leather is semi-gloss, cotton and denim are matte, wool and knits are the most
 * diffuse. Relief frequencies are what a preview can show at about 0.9 mm per normal-map pixel: true thread counts
 * (20-40 per cm) would alias into moiré, so each weave is shown at the coarsest scale still plausible for it
 * (a fine satin, a denim twill's ribs, a chunky knit's stitches).
 *
 * @see io.atelier.preview.texture.NormalMapGenerator
 */
public enum Fabric {
    COTTON("cotton", 0.85f, 0.0f, Weave.PLAIN, 0.8f, 150),
    DENIM("denim", 0.8f, 0.0f, Weave.TWILL, 1.3f, 130),
    LEATHER("leather", 0.5f, 0.0f, Weave.GRAIN, 0.12f, 12),
    SILK("silk", 0.2f, 0.0f, Weave.SATIN, 0.25f, 250),
    WOOL("wool", 0.95f, 0.0f, Weave.FELT, 0.35f, 60),
    KNIT("knit", 0.92f, 0.0f, Weave.KNIT, 1.6f, 42);

    /** The structure the procedural normal map imitates. */
    public enum Weave { PLAIN, TWILL, GRAIN, SATIN, FELT, KNIT }

    private final String id;
    private final float roughness;
    private final float metalness;
    private final Weave weave;
    private final float bumpStrength;
    private final int bumpsPerMetre;

    Fabric(String id, float roughness, float metalness, Weave weave, float bumpStrength, int bumpsPerMetre) {
        this.id = id;
        this.roughness = roughness;
        this.metalness = metalness;
        this.weave = weave;
        this.bumpStrength = bumpStrength;
        this.bumpsPerMetre = bumpsPerMetre;
    }

    public String id() { return id; }
    public float roughness() { return roughness; }
    public float metalness() { return metalness; }
    public Weave weave() { return weave; }
    /** Height-to-normal strength of the generated normal map. */
    public float bumpStrength() { return bumpStrength; }
    /** Threads, ribs or stitches per metre of cloth (for leather, grain cells): the normal map's frequency. */
    public int bumpsPerMetre() { return bumpsPerMetre; }

    /** The canonical material token of the taxonomy ({@code cotton}, {@code silk}…) or {@code knit}. */
    public static Fabric fromId(String text) {
        String wanted = text.trim().toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(f -> f.id.equals(wanted)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown material '" + text + "'; expected one of "
                        + Arrays.stream(values()).map(Fabric::id).toList()));
    }
}
