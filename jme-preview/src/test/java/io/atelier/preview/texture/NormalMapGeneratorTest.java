package io.atelier.preview.texture;

import io.atelier.preview.garment.Fabric;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.awt.image.BufferedImage;

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

    private static int diff(int a, int b) {
        return Math.abs(((a >> 16) & 0xFF) - ((b >> 16) & 0xFF)) + Math.abs(((a >> 8) & 0xFF) - ((b >> 8) & 0xFF));
    }
}
