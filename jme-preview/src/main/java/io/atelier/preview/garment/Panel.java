package io.atelier.preview.garment;

/**
 * Which pattern piece a vertex belongs to. Every panel owns one rectangle of the garment's texture atlas,
 * like pieces laid out on a cutting table: the flat's front view is painted onto {@link #FRONT}, a tiled
 * swatch of its fabric onto {@link #BACK}.
 */
public enum Panel {
    /** Surfaces facing the viewer of a front-view flat (z &gt; 0): UVs in the left half of the atlas. */
    FRONT(0.0f, 0.0f, 0.5f, 1.0f),
    /** Surfaces facing away (z &lt; 0), plus caps and gussets: UVs in the right half of the atlas. */
    BACK(0.5f, 0.0f, 1.0f, 1.0f);

    private final float u0;
    private final float v0;
    private final float u1;
    private final float v1;

    Panel(float u0, float v0, float u1, float v1) {
        this.u0 = u0;
        this.v0 = v0;
        this.u1 = u1;
        this.v1 = v1;
    }

    /** Maps panel-local coordinates s, t in [0, 1] into this panel's atlas rectangle. */
    public float u(float s) {
        return u0 + clamp01(s) * (u1 - u0);
    }

    public float v(float t) {
        return v0 + clamp01(t) * (v1 - v0);
    }

    /** True when the atlas coordinate lies inside this panel's rectangle (edges included). */
    public boolean contains(float u, float v) {
        return u >= u0 && u <= u1 && v >= v0 && v <= v1;
    }

    public float u0() { return u0; }
    public float v0() { return v0; }
    public float u1() { return u1; }
    public float v1() { return v1; }

    private static float clamp01(float x) {
        return Math.max(0f, Math.min(1f, x));
    }
}
