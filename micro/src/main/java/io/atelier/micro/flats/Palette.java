package io.atelier.micro.flats;

import java.awt.Color;

/**
 * The inks of one flat: the garment's fill (the taxonomy colour, shade-jittered), the pattern's second ink, and line
 * inks that stay legible on that fill (dark lines vanish on a black garment, so its seams are drawn light).
 */
public record Palette(Color fill, Color patternInk, Color outline, Color detailLine, Color metal, Color metalShade) {

    static final Color OUTLINE = new Color(0x1A1A1A);

    public static Palette of(String rgb, double shade, boolean gold) {
        Color base = Color.decode(rgb);
        Color fill = shade(base, 1 + shade);
        boolean light = luminance(fill) > 0.62;
        boolean dark = luminance(fill) < 0.22;
        Color patternInk = light ? shade(fill, 0.5) : new Color(0xF7F7F2);
        Color detailLine = dark ? new Color(0xB0B0B0) : new Color(0x262626);
        Color metal = gold ? new Color(0xD4AF37) : new Color(0xC8C8CC);
        Color metalShade = gold ? new Color(0x8A6D1C) : new Color(0x6E6E74);
        return new Palette(fill, patternInk, OUTLINE, detailLine, metal, metalShade);
    }

    static double luminance(Color c) {
        return (0.2126 * c.getRed() + 0.7152 * c.getGreen() + 0.0722 * c.getBlue()) / 255.0;
    }

    static Color shade(Color c, double factor) {
        return new Color(clamp(c.getRed() * factor), clamp(c.getGreen() * factor), clamp(c.getBlue() * factor));
    }

    static Color withAlpha(Color c, double alpha) {
        return new Color(c.getRed(), c.getGreen(), c.getBlue(), clamp(alpha * 255));
    }

    private static int clamp(double v) {
        return (int) Math.max(0, Math.min(255, Math.round(v)));
    }
}
