package io.atelier.brands.palette;

import java.awt.Color;

/**
 * A colour in CIELAB (D65 white, sRGB primaries): the space where a distance roughly matches how different two
 * colours look, so "nearest palette entry" and "how far the garment is from the asked colour" are measured here, not
 * in RGB (where a step in blue looks smaller than the same step in green).
 *
 * @param l lightness 0..100
 * @param a green (−) to red (+)
 * @param b blue (−) to yellow (+)
 */
public record LabColour(double l, double a, double b) {
    private static final double XN = 0.95047;
    private static final double YN = 1.0;
    private static final double ZN = 1.08883;

    public static LabColour of(Color colour) {
        return ofRgb(colour.getRGB());
    }

    public static LabColour ofHex(String hex) {
        return of(Color.decode(hex));
    }

    /** From a packed (A)RGB int; alpha is ignored. */
    public static LabColour ofRgb(int rgb) {
        double r = linear(((rgb >> 16) & 0xff) / 255.0);
        double g = linear(((rgb >> 8) & 0xff) / 255.0);
        double bl = linear((rgb & 0xff) / 255.0);
        // sRGB (linear) to XYZ, IEC 61966-2-1 matrix.
        double x = 0.4124564 * r + 0.3575761 * g + 0.1804375 * bl;
        double y = 0.2126729 * r + 0.7151522 * g + 0.0721750 * bl;
        double z = 0.0193339 * r + 0.1191920 * g + 0.9503041 * bl;
        double fx = f(x / XN);
        double fy = f(y / YN);
        double fz = f(z / ZN);
        return new LabColour(116 * fy - 16, 500 * (fx - fy), 200 * (fy - fz));
    }

    /** Back to packed RGB (opaque), out-of-gamut channels clamped. */
    public int toRgb() {
        double fy = (l + 16) / 116;
        double fx = fy + a / 500;
        double fz = fy - b / 200;
        double x = XN * fInverse(fx);
        double y = YN * fInverse(fy);
        double z = ZN * fInverse(fz);
        double r = 3.2404542 * x - 1.5371385 * y - 0.4985314 * z;
        double g = -0.9692660 * x + 1.8760108 * y + 0.0415560 * z;
        double bl = 0.0556434 * x - 0.2040259 * y + 1.0572252 * z;
        return 0xff000000 | channel(r) << 16 | channel(g) << 8 | channel(bl);
    }

    public Color toColor() {
        return new Color(toRgb());
    }

    /** ΔE*ab (CIE 1976): Euclidean distance in Lab; about 2.3 is a just-noticeable difference. */
    public double deltaE(LabColour other) {
        double dl = l - other.l;
        double da = a - other.a;
        double db = b - other.b;
        return Math.sqrt(dl * dl + da * da + db * db);
    }

    /** Chroma: distance from the grey axis (white, greys and black are near 0). */
    public double chroma() {
        return Math.hypot(a, b);
    }

    private static double linear(double c) {
        return c <= 0.04045 ? c / 12.92 : Math.pow((c + 0.055) / 1.055, 2.4);
    }

    private static int channel(double linear) {
        double c = linear <= 0.0031308 ? 12.92 * linear : 1.055 * Math.pow(Math.max(linear, 0), 1 / 2.4) - 0.055;
        return (int) Math.max(0, Math.min(255, Math.round(c * 255)));
    }

    private static double f(double t) {
        return t > 216.0 / 24389 ? Math.cbrt(t) : (24389.0 / 27 * t + 16) / 116;
    }

    private static double fInverse(double t) {
        double cube = t * t * t;
        return cube > 216.0 / 24389 ? cube : (116 * t - 16) / (24389.0 / 27);
    }
}
