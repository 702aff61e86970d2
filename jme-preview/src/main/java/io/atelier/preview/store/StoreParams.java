package io.atelier.preview.store;

/**
 * The boutique's brief in metres: floor plan (width along the street, depth into the building), ceiling
 * height and how many of each fixture to place. The façade is on the street side (z = 0), the floor runs to
 * z = -depth.
 */
public record StoreParams(float width, float depth, float ceiling, int racks, int tables, int podiums) {

    public static StoreParams defaults() {
        return new StoreParams(10f, 8f, 3.6f, 4, 2, 2);
    }

    public StoreParams {
        if (width < 6f || width > 30f) {
            throw new IllegalArgumentException("store width must be between 6 and 30 m");
        }
        if (depth < 5f || depth > 30f) {
            throw new IllegalArgumentException("store depth must be between 5 and 30 m");
        }
        if (ceiling < 2.8f || ceiling > 6f) {
            throw new IllegalArgumentException("ceiling height must be between 2.8 and 6 m");
        }
        if (racks < 0 || tables < 0 || podiums < 0 || racks > 12 || tables > 6 || podiums > 6) {
            throw new IllegalArgumentException("fixture counts must be between 0 and 12 racks, 6 tables, 6 podiums");
        }
    }
}
