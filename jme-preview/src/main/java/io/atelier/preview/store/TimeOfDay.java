package io.atelier.preview.store;

import java.util.Arrays;
import java.util.Locale;

/**
 * Light through the day. Sun angles are relative to the façade, which faces the street (+z): azimuth 0 means
 * the sun is straight in front of the shop, positive azimuth towards +x. Colours are sRGB, intensities are
 * multipliers of the light colour; {@code interior} is how strongly the shop's own lights burn.
 */
public enum TimeOfDay {
    MORNING("morning", 24f, 50f, 0xFFE6CC, 1.5f, 0x8FB4E0, 0xDCE7F2, 0.42f, 0.55f, 0.55f),
    NOON("noon", 62f, 20f, 0xFFF7EA, 1.35f, 0x6E9FD8, 0xCFE0F0, 0.48f, 0.45f, 0.6f),
    GOLDEN_HOUR("golden-hour", 11f, -45f, 0xFFC58A, 1.45f, 0x7F93C4, 0xF1C6A0, 0.38f, 0.65f, 0.55f),
    NIGHT("night", 35f, 30f, 0x7E95C9, 0.22f, 0x070B18, 0x1A2236, 0.10f, 1.1f, 0.0f);

    private final String id;
    private final float elevationDegrees;
    private final float azimuthDegrees;
    private final int sunColour;
    private final float sunIntensity;
    private final int skyZenith;
    private final int skyHorizon;
    private final float skyFill;
    private final float interior;
    private final float shadowStrength;

    TimeOfDay(String id, float elevationDegrees, float azimuthDegrees, int sunColour, float sunIntensity,
              int skyZenith, int skyHorizon, float skyFill, float interior, float shadowStrength) {
        this.id = id;
        this.elevationDegrees = elevationDegrees;
        this.azimuthDegrees = azimuthDegrees;
        this.sunColour = sunColour;
        this.sunIntensity = sunIntensity;
        this.skyZenith = skyZenith;
        this.skyHorizon = skyHorizon;
        this.skyFill = skyFill;
        this.interior = interior;
        this.shadowStrength = shadowStrength;
    }

    public String id() { return id; }
    public float elevationDegrees() { return elevationDegrees; }
    public float azimuthDegrees() { return azimuthDegrees; }
    public int sunColour() { return sunColour; }
    public float sunIntensity() { return sunIntensity; }
    public int skyZenith() { return skyZenith; }
    public int skyHorizon() { return skyHorizon; }
    /** Strength of the sky's fill light (what lights the shadows). */
    public float skyFill() { return skyFill; }
    public float interior() { return interior; }
    /** 0 = no visible shadows, 1 = black shadows. */
    public float shadowStrength() { return shadowStrength; }

    /** Unit vector the sunlight travels along (from the sun towards the ground). */
    public float[] sunDirection() {
        double el = Math.toRadians(elevationDegrees);
        double az = Math.toRadians(azimuthDegrees);
        // The sun sits at (sin az, tan el, cos az) from the shop; light travels the other way.
        double x = -Math.cos(el) * Math.sin(az);
        double y = -Math.sin(el);
        double z = -Math.cos(el) * Math.cos(az);
        return new float[] {(float) x, (float) y, (float) z};
    }

    public static TimeOfDay fromId(String text) {
        String wanted = text.trim().toLowerCase(Locale.ROOT).replace('_', '-');
        return Arrays.stream(values()).filter(t -> t.id.equals(wanted)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown time of day '" + text + "'; expected one of "
                        + Arrays.stream(values()).map(TimeOfDay::id).toList()));
    }
}
