package io.atelier.preview.texture;

import io.atelier.preview.garment.Fabric;

import java.awt.image.BufferedImage;
import java.util.Random;

/**
 * Generates tileable tangent-space normal maps (OpenGL convention, +Y up) for the fabrics: a height field per
 * structure, then central differences with wrap-around so the tile repeats without seams. Each structure has its
 * own pattern and frequency ({@link Fabric#bumpsPerMetre()}): a checkerboard of threads for a plain weave, the
 * diagonal ribs of a 3/1 twill for denim, long floats of a 5-harness satin for silk, V-shaped stitches in columns
 * for a knit, soft fulled noise for wool, creased multi-scale grain for leather.
 */
public final class NormalMapGenerator {
    /** Threads, ribs, stitch columns or grain cells across one tile. */
    static final int BUMPS_PER_TILE = 8;

    private NormalMapGenerator() {
    }

    /** One square tile of {@code size} pixels holding {@link #bumpsPerTile} bumps across. */
    public static BufferedImage forFabric(Fabric fabric, int size) {
        return toNormalMap(height(fabric.weave(), size), fabric.bumpStrength() * size / (float) bumpsPerTile(fabric.weave()) / 4f);
    }

    /** Bumps across one tile: a whole number of weave repeats so the tile wraps seamlessly. */
    public static int bumpsPerTile(Fabric.Weave weave) {
        return switch (weave) {
            case SATIN -> 10; // two repeats of the 5-harness satin
            default -> BUMPS_PER_TILE;
        };
    }

    static float[][] height(Fabric.Weave weave, int size) {
        int bumps = bumpsPerTile(weave);
        return switch (weave) {
            case PLAIN -> weave(size, bumps, 2, 1);
            case TWILL -> weave(size, bumps, 4, 1);
            case SATIN -> weave(size, bumps, 5, 2);
            case KNIT -> knit(size, bumps, bumps);
            case FELT -> felt(size, bumps, 77L);
            case GRAIN -> grain(size, bumps, 1234L);
        };
    }

    /**
     * A normal map for a garment atlas of {@code 2 * height} by {@code height} pixels whose panels each span
     * {@code panelMetres}: the fabric's tile repeated at its real-world frequency ({@link Fabric#bumpsPerMetre()}).
     */
    public static BufferedImage atlas(Fabric fabric, float panelMetres, int height) {
        float pixelsPerMetre = height / panelMetres;
        int bumps = bumpsPerTile(fabric.weave());
        int tile = Math.max(2 * bumps, Math.round(bumps * pixelsPerMetre / fabric.bumpsPerMetre()));
        BufferedImage one = forFabric(fabric, tile);
        BufferedImage out = new BufferedImage(2 * height, height, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < 2 * height; x++) {
                out.setRGB(x, y, one.getRGB(x % tile, y % tile));
            }
        }
        return out;
    }

    /**
     * Interlaced threads, {@code threads} warp and weft threads per tile. At each crossing the warp is on top
     * unless {@code (column + step * row) mod harness == 0}: harness 2 is a plain weave's checkerboard, harness 4
     * with step 1 a 3/1 twill whose floats line up in diagonal ribs, harness 5 with step 2 a satin whose scattered
     * crossings leave long smooth floats.
     */
    static float[][] weave(int size, int threads, int harness, int step) {
        float[][] h = new float[size][size];
        float cell = (float) size / threads;
        for (int y = 0; y < size; y++) {
            for (int x = 0; x < size; x++) {
                int cx = Math.min(threads - 1, (int) (x / cell));
                int cy = Math.min(threads - 1, (int) (y / cell));
                float fx = (x - cx * cell) / cell;
                float fy = (y - cy * cell) / cell;
                boolean warpOnTop = Math.floorMod(cx + step * cy, harness) != 0;
                float warp = (float) Math.sin(Math.PI * fx);  // rounded profile across a vertical thread
                float weft = (float) Math.sin(Math.PI * fy);
                h[y][x] = warpOnTop ? 0.5f + 0.5f * warp : 0.5f * weft;
            }
        }
        return h;
    }

    /**
     * Stockinette: {@code columns} wales of V-shaped stitches, {@code rows} courses, each stitch two slanted
     * rounded legs meeting at the bottom of the V.
     */
    static float[][] knit(int size, int columns, int rows) {
        float[][] h = new float[size][size];
        float w = (float) size / columns;
        float s = (float) size / rows;
        for (int y = 0; y < size; y++) {
            for (int x = 0; x < size; x++) {
                float fx = (x % w) / w - 0.5f;      // -0.5..0.5 across the wale
                float fy = (y % s) / s;             // 0 at the top of the stitch, 1 at its point
                // Each leg runs from an upper corner towards the centre bottom; distance to that line, in stitch widths.
                float leg = Math.abs(Math.abs(fx) - 0.5f * (1f - fy)) * 2.2f;
                h[y][x] = (float) Math.max(0, Math.cos(Math.min(1f, leg) * Math.PI / 2));
            }
        }
        return h;
    }

    /** Fulled wool: soft two-octave value noise, no sharp structure (the weave is felted over). */
    static float[][] felt(int size, int cells, long seed) {
        float[][] h = new float[size][size];
        Random random = new Random(seed);
        float amplitude = 1f;
        for (int c = cells; c <= 2 * cells; c *= 2) {
            float[][] lattice = lattice(random, c);
            for (int y = 0; y < size; y++) {
                for (int x = 0; x < size; x++) {
                    h[y][x] += amplitude * sample(lattice, (float) x * c / size, (float) y * c / size);
                }
            }
            amplitude *= 0.45f;
        }
        return h;
    }

    /** Leather grain: a few octaves of wrapped value noise, creased by taking the absolute value. */
    static float[][] grain(int size, int baseCells, long seed) {
        float[][] h = new float[size][size];
        Random random = new Random(seed);
        float amplitude = 1f;
        for (int cells = baseCells; cells <= 4 * baseCells; cells *= 2) { // three octaves: pebbles, not sand
            float[][] lattice = lattice(random, cells);
            for (int y = 0; y < size; y++) {
                for (int x = 0; x < size; x++) {
                    h[y][x] += amplitude * Math.abs(sample(lattice, (float) x * cells / size, (float) y * cells / size));
                }
            }
            amplitude *= 0.5f;
        }
        return h;
    }

    private static float[][] lattice(Random random, int cells) {
        float[][] lattice = new float[cells][cells];
        for (float[] row : lattice) {
            for (int i = 0; i < cells; i++) {
                row[i] = random.nextFloat() * 2f - 1f;
            }
        }
        return lattice;
    }

    private static float sample(float[][] lattice, float x, float y) {
        int n = lattice.length;
        int x0 = (int) Math.floor(x);
        int y0 = (int) Math.floor(y);
        float tx = smooth(x - x0);
        float ty = smooth(y - y0);
        float a = lattice[Math.floorMod(y0, n)][Math.floorMod(x0, n)];
        float b = lattice[Math.floorMod(y0, n)][Math.floorMod(x0 + 1, n)];
        float c = lattice[Math.floorMod(y0 + 1, n)][Math.floorMod(x0, n)];
        float d = lattice[Math.floorMod(y0 + 1, n)][Math.floorMod(x0 + 1, n)];
        return (a + (b - a) * tx) + ((c + (d - c) * tx) - (a + (b - a) * tx)) * ty;
    }

    private static float smooth(float t) {
        return t * t * (3 - 2 * t);
    }

    /** Central differences with wrap-around; encodes n = normalize(-dh/dx, -dh/dy, 1) as RGB. */
    static BufferedImage toNormalMap(float[][] height, float strength) {
        int size = height.length;
        BufferedImage out = new BufferedImage(size, size, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < size; y++) {
            for (int x = 0; x < size; x++) {
                float dx = height[y][(x + 1) % size] - height[y][(x - 1 + size) % size];
                // Image rows run downwards while tangent-space +Y runs up the texture.
                float dy = height[(y - 1 + size) % size][x] - height[(y + 1) % size][x];
                float nx = -dx * strength;
                float ny = -dy * strength;
                float len = (float) Math.sqrt(nx * nx + ny * ny + 1f);
                int r = encode(nx / len);
                int g = encode(ny / len);
                int b = encode(1f / len);
                out.setRGB(x, y, (r << 16) | (g << 8) | b);
            }
        }
        return out;
    }

    private static int encode(float component) {
        return Math.max(0, Math.min(255, Math.round((component * 0.5f + 0.5f) * 255f)));
    }
}
