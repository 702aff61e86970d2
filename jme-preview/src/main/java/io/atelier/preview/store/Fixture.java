package io.atelier.preview.store;

/**
 * A fixture placed on the floor plan: centre (x, z), footprint (width along its own x, depth along its own z)
 * and its rotation about the vertical axis (0 = front towards the street, +z).
 */
public record Fixture(FixtureKind kind, float x, float z, float width, float depth, float rotationY) {

    /** Axis-aligned footprint {minX, minZ, maxX, maxZ}, accounting for quarter-turn rotations. */
    public float[] footprint() {
        boolean turned = Math.abs(Math.sin(rotationY)) > 0.7;
        float hx = (turned ? depth : width) / 2f;
        float hz = (turned ? width : depth) / 2f;
        return new float[] {x - hx, z - hz, x + hx, z + hz};
    }

    public boolean overlaps(Fixture other) {
        float[] a = footprint();
        float[] b = other.footprint();
        return a[0] < b[2] && b[0] < a[2] && a[1] < b[3] && b[1] < a[3];
    }
}
