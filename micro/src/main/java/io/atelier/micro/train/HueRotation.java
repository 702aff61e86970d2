package io.atelier.micro.train;

/**
 * Rotates the colours of a CHW image (values in [-1, 1]) about the grey axis of RGB space.
 *
 * <p>Why: the autoencoder only ever sees the taxonomy's twelve colours in the flats, and an
 * autoencoder trained on twelve points of the colour space maps the colours between them onto its
 * nearest neighbours (a brand's teal came back as the base blue). A rotation about the grey axis
 * keeps white backgrounds, black outlines and greys where they are and moves every garment colour
 * along the hue circle, so the latent space learns hue as a continuum at no cost in drawing code.
 */
public final class HueRotation {

    private HueRotation() {}

    /** Rotates {@code size x size} pixels at {@code offset} in place by {@code radians}, clamping to [-1, 1]. */
    public static void apply(float[] chw, int offset, int size, double radians) {
        float[] m = matrix(radians);
        int plane = size * size;
        for (int i = offset; i < offset + plane; i++) {
            float r = chw[i];
            float g = chw[i + plane];
            float b = chw[i + 2 * plane];
            chw[i] = clamp(m[0] * r + m[1] * g + m[2] * b);
            chw[i + plane] = clamp(m[3] * r + m[4] * g + m[5] * b);
            chw[i + 2 * plane] = clamp(m[6] * r + m[7] * g + m[8] * b);
        }
    }

    /** Rodrigues' rotation matrix about the unit vector (1, 1, 1) / sqrt(3), row-major. */
    static float[] matrix(double radians) {
        double c = Math.cos(radians);
        double s = Math.sin(radians);
        double k = 1.0 / Math.sqrt(3);
        double t = (1 - c) / 3; // (1 - cos) * k * k
        double diagonal = c + t;
        double plus = t + s * k;
        double minus = t - s * k;
        return new float[] {
                (float) diagonal, (float) minus, (float) plus,
                (float) plus, (float) diagonal, (float) minus,
                (float) minus, (float) plus, (float) diagonal};
    }

    private static float clamp(float v) {
        return Math.max(-1f, Math.min(1f, v));
    }
}
