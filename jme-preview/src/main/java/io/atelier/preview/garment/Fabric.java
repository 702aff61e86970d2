package io.atelier.preview.garment;

import java.util.Arrays;
import java.util.Locale;

/**
 * Fabric presets: PBR roughness and metalness plus the weave the normal map is generated from. Values follow
 * measured-material libraries loosely: matte cotton, coarser denim twill, semi-gloss grained leather, and silk
 * whose low roughness gives its sheen.
 */
public enum Fabric {
    COTTON("cotton", 0.92f, 0.0f, Weave.PLAIN, 0.35f, 48),
    DENIM("denim", 0.85f, 0.0f, Weave.TWILL, 0.25f, 40),
    LEATHER("leather", 0.6f, 0.0f, Weave.GRAIN, 0.07f, 14),
    SILK("silk", 0.32f, 0.0f, Weave.SATIN, 0.15f, 64);

    /** The structure the procedural normal map imitates. */
    public enum Weave { PLAIN, TWILL, GRAIN, SATIN }

    private final String id;
    private final float roughness;
    private final float metalness;
    private final Weave weave;
    private final float bumpStrength;
    private final int repeatsPerMetre;

    Fabric(String id, float roughness, float metalness, Weave weave, float bumpStrength, int repeatsPerMetre) {
        this.id = id;
        this.roughness = roughness;
        this.metalness = metalness;
        this.weave = weave;
        this.bumpStrength = bumpStrength;
        this.repeatsPerMetre = repeatsPerMetre;
    }

    public String id() { return id; }
    public float roughness() { return roughness; }
    public float metalness() { return metalness; }
    public Weave weave() { return weave; }
    /** Height-to-normal strength of the generated normal map. */
    public float bumpStrength() { return bumpStrength; }
    /** How many normal-map tiles span one metre of cloth (weave scale). */
    public int repeatsPerMetre() { return repeatsPerMetre; }

    public static Fabric fromId(String text) {
        String wanted = text.trim().toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(f -> f.id.equals(wanted)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown fabric '" + text + "'; expected one of "
                        + Arrays.stream(values()).map(Fabric::id).toList()));
    }
}
