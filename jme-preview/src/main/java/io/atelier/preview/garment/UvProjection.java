package io.atelier.preview.garment;

/**
 * The garment's planar projection square in front view (metres): x in [minX, minX + side], y in
 * [minY, minY + side]. The flat's front view is painted into this square, so a point of the cloth takes the
 * flat's pixel that shows the same point. The back panel mirrors x, so that seen from behind the swatch is
 * not reversed.
 */
public record UvProjection(float minX, float minY, float side) {

    /** A square centred on x = 0 covering heights [bottom, bottom + side]. */
    public static UvProjection centred(float bottom, float side) {
        return new UvProjection(-side / 2f, bottom, side);
    }

    public float u(float x, Panel panel) {
        float s = (x - minX) / side;
        return panel == Panel.FRONT ? panel.u(s) : panel.u(1f - s);
    }

    public float v(float y, Panel panel) {
        return panel.v((y - minY) / side);
    }

    /** Caps are seen from above; they take the back panel's swatch, laid out by x and depth. */
    public float capU(float x) {
        return Panel.BACK.u((x - minX) / side);
    }

    public float capV(float z) {
        return Panel.BACK.v(0.5f + z / side);
    }

    /** The normalised rectangle {x0, y0, x1, y1} (0..1, y up) that the given metric bounds occupy. */
    public float[] normalised(float x0, float y0, float x1, float y1) {
        return new float[] {(x0 - minX) / side, (y0 - minY) / side, (x1 - minX) / side, (y1 - minY) / side};
    }
}
