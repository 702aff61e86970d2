package io.atelier.engine.upscale;

/**
 * Where overlapping tiles start along one axis, and how much each output pixel of a tile weighs in the blend.
 * Tiles are {@code tile} long (or the whole axis when it is shorter) and step by {@code tile - overlap}; the last
 * one is pulled back to end on the border, so it may overlap its neighbour by more.
 *
 * <p>Blend weights: where two tiles overlap by L output pixels, each ignores the 3/8 of the overlap nearest its
 * own edge (where the network saw zero padding instead of the neighbouring pixels: the slim network's receptive
 * field reaches 10 source pixels) and the two ramp linearly across the middle quarter, so the weights of the tiles covering a pixel always sum to 1 and no seam can show.
 */
record TileGrid(int length, int tile, int[] starts) {

    static TileGrid along(int length, int tile, int overlap) {
        if (length <= tile) {
            return new TileGrid(length, length, new int[] {0});
        }
        int step = Math.max(1, tile - overlap);
        int count = (length - tile + step - 1) / step + 1;
        int[] starts = new int[count];
        for (int i = 0; i < count; i++) {
            starts[i] = Math.min(i * step, length - tile);
        }
        return new TileGrid(length, tile, starts);
    }

    /** The blend weight of each of the {@code tile * scale} output pixels of tile {@code index}. */
    float[] weights(int index, int scale) {
        float[] w = new float[tile * scale];
        java.util.Arrays.fill(w, 1f);
        if (index > 0) {
            int overlap = (starts[index - 1] + tile - starts[index]) * scale;
            for (int v = 0; v < overlap; v++) {
                w[v] = ramp(v, overlap);
            }
        }
        if (index < starts.length - 1) {
            int overlap = (starts[index] + tile - starts[index + 1]) * scale;
            for (int v = 0; v < overlap; v++) {
                w[w.length - 1 - v] *= ramp(v, overlap);
            }
        }
        return w;
    }

    /** Weight at distance v from the tile's own edge, inside an overlap of length L: 0, then linear, then 1. */
    private static float ramp(int v, int overlap) {
        float margin = overlap * 3f / 8f;
        float length = Math.max(1f, overlap - 2 * margin);
        return Math.max(0f, Math.min(1f, (v + 0.5f - margin) / length));
    }
}
