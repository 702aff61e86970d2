package io.atelier.preview.texture;

import java.awt.Color;

/** Colour judgements shared by the texture and screenshot tests: hue families and paper-white. */
public final class ColourCounts {
    private ColourCounts() {
    }

    /** Hue in degrees 0..360, or -1 when the colour is too grey to have one. */
    public static float hue(int rgb) {
        float[] hsb = Color.RGBtoHSB((rgb >> 16) & 0xFF, (rgb >> 8) & 0xFF, rgb & 0xFF, null);
        return hsb[1] < 0.25f || hsb[2] < 0.12f ? -1f : hsb[0] * 360f;
    }

    /** Red family: hue within 20 degrees of 0 (crimson to scarlet; shading keeps the hue). */
    public static boolean isRed(int rgb) {
        float h = hue(rgb);
        return h >= 0 && (h <= 20f || h >= 340f);
    }

    /** Yellow family: 40 to 70 degrees. */
    public static boolean isYellow(int rgb) {
        float h = hue(rgb);
        return h >= 40f && h <= 70f;
    }

    /** Paper-white: light and unsaturated, as a flat's background is. */
    public static boolean isPaperWhite(int rgb) {
        float[] hsb = Color.RGBtoHSB((rgb >> 16) & 0xFF, (rgb >> 8) & 0xFF, rgb & 0xFF, null);
        return hsb[2] > 0.85f && hsb[1] < 0.12f;
    }
}
