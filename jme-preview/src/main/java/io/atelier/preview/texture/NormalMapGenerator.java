package io.atelier.preview.texture;

import io.atelier.preview.garment.Fabric;

import java.awt.image.BufferedImage;
import java.util.Random;

/**
 * Generates tileable tangent-space normal maps (OpenGL convention, +Y up) for the fabric weaves: a height
 * field per weave, then central differences with wrap-around so the tile repeats without seams.
 */
public final class NormalMapGenerator {
    private NormalMapGenerator() {
    }

    public static BufferedImage forFabric(Fabric fabric, int size) {
        // At least 3 pixels per thread: finer threads alias into moiré once the tile is small.
        int threads = Math.max(2, Math.min(8, size / 3));
        float[][] height = switch (fabric.weave()) {
            case PLAIN -> weave(size, threads, 1);
            case TWILL -> weave(size, threads, 2);
            case SATIN -> weave(size, Math.max(2, Math.min(16, size / 3)), 4);
            case GRAIN -> grain(size, 1234L);
        };
        return toNormalMap(height, fabric.bumpStrength() * 4f);
    }

    /**
     * A normal map for a garment atlas of {@code 2 * height} by {@code height} pixels whose panels each span
     * {@code panelMetres}: the fabric's tile repeated at its real-world scale (repeatsPerMetre).
     */
    public static BufferedImage atlas(Fabric fabric, float panelMetres, int height) {
        int tile = Math.max(8, Math.round(height / (panelMetres * fabric.repeatsPerMetre())));
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
     * Interlaced threads: {@code threads} warp and weft threads per tile; a warp thread floats over
     * {@code float} weft threads before dipping (1 = plain weave, 2 = twill diagonal, 4 = satin).
     */
    static float[][] weave(int size, int threads, int floatLength) {
        float[][] h = new float[size][size];
        float cell = (float) size / threads;
        for (int y = 0; y < size; y++) {
            for (int x = 0; x < size; x++) {
                int cx = (int) (x / cell);
                int cy = (int) (y / cell);
                float fx = (x % cell) / cell;
                float fy = (y % cell) / cell;
                // Which thread is on top at this crossing: the diagonal offset makes twill's ribs.
                boolean warpOnTop = Math.floorMod(cx + cy * (floatLength == 1 ? 1 : floatLength - 1), floatLength + 1) != 0;
                float warp = (float) Math.sin(Math.PI * fx);  // rounded profile across a vertical thread
                float weft = (float) Math.sin(Math.PI * fy);
                h[y][x] = warpOnTop ? 0.5f + 0.5f * warp : 0.5f * weft;
            }
        }
        return h;
    }

    /** Leather grain: a few octaves of wrapped value noise, creased by taking the absolute value. */
    static float[][] grain(int size, long seed) {
        float[][] h = new float[size][size];
        Random random = new Random(seed);
        float amplitude = 1f;
        for (int cells = 8; cells <= 64; cells *= 2) {
            float[][] lattice = new float[cells][cells];
            for (float[] row : lattice) {
                for (int i = 0; i < cells; i++) {
                    row[i] = random.nextFloat() * 2f - 1f;
                }
            }
            for (int y = 0; y < size; y++) {
                for (int x = 0; x < size; x++) {
                    h[y][x] += amplitude * Math.abs(sample(lattice, (float) x * cells / size, (float) y * cells / size));
                }
            }
            amplitude *= 0.5f;
        }
        return h;
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
