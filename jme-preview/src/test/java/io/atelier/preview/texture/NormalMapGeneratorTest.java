package io.atelier.preview.texture;

import io.atelier.preview.garment.Fabric;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.awt.image.BufferedImage;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class NormalMapGeneratorTest {

    @ParameterizedTest
    @EnumSource(Fabric.class)
    void normal_maps_hold_unit_normals_pointing_out_of_the_cloth(Fabric fabric) {
        BufferedImage map = NormalMapGenerator.forFabric(fabric, 64);
        double relief = 0;
        for (int y = 0; y < 64; y++) {
            for (int x = 0; x < 64; x++) {
                int rgb = map.getRGB(x, y);
                double nx = ((rgb >> 16) & 0xFF) / 127.5 - 1;
                double ny = ((rgb >> 8) & 0xFF) / 127.5 - 1;
                double nz = (rgb & 0xFF) / 127.5 - 1;
                double len = Math.sqrt(nx * nx + ny * ny + nz * nz);
                assertTrue(Math.abs(len - 1) < 0.03, "unit length " + len);
                assertTrue(nz > 0.3, "points out of the surface");
                relief += Math.abs(nx) + Math.abs(ny);
            }
        }
        assertTrue(relief / (64 * 64) > 0.01, fabric + " has visible relief");
    }

    @ParameterizedTest
    @EnumSource(Fabric.class)
    void normal_map_tiles_without_a_seam(Fabric fabric) {
        BufferedImage map = NormalMapGenerator.forFabric(fabric, 64);
        // The jump across the tile's wrap-around edge is no larger than jumps inside the tile.
        double inside = 0;
        double across = 0;
        for (int y = 0; y < 64; y++) {
            inside += diff(map.getRGB(31, y), map.getRGB(32, y));
            across += diff(map.getRGB(63, y), map.getRGB(0, y));
        }
        assertTrue(across <= inside * 2 + 64 * 4, fabric + " seam " + across + " vs " + inside);
    }

    @Test
    void silk_denim_knit_and_leather_reliefs_have_their_own_frequency_on_the_cloth() {
        Map<Fabric, Double> perMetre = new EnumMap<>(Fabric.class);
        for (Fabric f : List.of(Fabric.SILK, Fabric.DENIM, Fabric.KNIT, Fabric.LEATHER)) {
            perMetre.put(f, bumpsPerMetre(NormalMapGenerator.atlas(f, 1.1f, 1024), 1024 / 1.1));
        }
        System.out.println("measured relief frequency, bumps per metre: " + perMetre);
        List<Double> sorted = perMetre.values().stream().sorted().toList();
        for (int i = 1; i < sorted.size(); i++) {
            assertTrue(sorted.get(i) > 1.25 * sorted.get(i - 1), "frequencies too close: " + perMetre);
        }
        // the woven ones come out near the preset (a satin float spans threads, so it reads lower)
        for (Fabric f : List.of(Fabric.SILK, Fabric.DENIM, Fabric.KNIT)) {
            double ratio = perMetre.get(f) / f.bumpsPerMetre();
            assertTrue(ratio > 0.5 && ratio < 1.6, f + " measured " + perMetre.get(f) + " vs " + f.bumpsPerMetre());
        }
    }

    @Test
    void denim_twill_ribs_run_diagonally_while_a_plain_weave_is_symmetric() {
        int size = 64;
        int cell = size / NormalMapGenerator.bumpsPerTile(Fabric.Weave.TWILL);
        float[][] twill = NormalMapGenerator.height(Fabric.Weave.TWILL, size);
        double along = correlation(twill, cell, cell);
        double across = correlation(twill, cell, -cell);
        // one diagonal repeats the ribs, the other crosses them
        assertTrue(Math.abs(along - across) > 0.5, "twill diagonals " + along + " and " + across);
        float[][] plain = NormalMapGenerator.height(Fabric.Weave.PLAIN, size);
        assertEquals(correlation(plain, cell, cell), correlation(plain, cell, -cell), 0.05, "plain weave has no diagonal");
    }

    @Test
    void silk_is_the_glossiest_and_wool_and_knit_the_most_matte() {
        assertTrue(Fabric.SILK.roughness() < Fabric.LEATHER.roughness());
        assertTrue(Fabric.LEATHER.roughness() < Fabric.DENIM.roughness());
        assertTrue(Fabric.DENIM.roughness() < Fabric.KNIT.roughness());
        assertTrue(Fabric.KNIT.roughness() <= Fabric.WOOL.roughness());
    }

    /** Sign changes of the normal's x (along rows) and y (along columns) per metre, halved: bumps per metre. */
    static double bumpsPerMetre(BufferedImage map, double pixelsPerMetre) {
        long crossings = 0;
        long length = 0;
        for (int y = 0; y < map.getHeight(); y += 7) {
            int last = 0;
            for (int x = 0; x < map.getWidth(); x++) {
                int s = Integer.signum(((map.getRGB(x, y) >> 16) & 0xFF) - 128);
                if (s != 0 && last != 0 && s != last) {
                    crossings++;
                }
                last = s != 0 ? s : last;
            }
            length += map.getWidth();
        }
        for (int x = 0; x < map.getWidth(); x += 7) {
            int last = 0;
            for (int y = 0; y < map.getHeight(); y++) {
                int s = Integer.signum(((map.getRGB(x, y) >> 8) & 0xFF) - 128);
                if (s != 0 && last != 0 && s != last) {
                    crossings++;
                }
                last = s != 0 ? s : last;
            }
            length += map.getHeight();
        }
        return crossings / 2.0 / (length / pixelsPerMetre);
    }

    /** Pearson correlation of a wrapped height field with itself shifted by (dx, dy). */
    private static double correlation(float[][] h, int dx, int dy) {
        int n = h.length;
        double sa = 0, sb = 0, saa = 0, sbb = 0, sab = 0;
        for (int y = 0; y < n; y++) {
            for (int x = 0; x < n; x++) {
                double a = h[y][x];
                double b = h[Math.floorMod(y + dy, n)][Math.floorMod(x + dx, n)];
                sa += a;
                sb += b;
                saa += a * a;
                sbb += b * b;
                sab += a * b;
            }
        }
        double m = (double) n * n;
        double cov = sab / m - sa / m * sb / m;
        return cov / Math.sqrt((saa / m - sa * sa / m / m) * (sbb / m - sb * sb / m / m));
    }

    private static int diff(int a, int b) {
        return Math.abs(((a >> 16) & 0xFF) - ((b >> 16) & 0xFF)) + Math.abs(((a >> 8) & 0xFF) - ((b >> 8) & 0xFF));
    }
}
