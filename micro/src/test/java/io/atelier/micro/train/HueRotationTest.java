package io.atelier.micro.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class HueRotationTest {

    @Test
    void greys_white_and_black_do_not_move() {
        float[] pixels = {1f, -1f, 0.2f, 0f, 1f, -1f, 0.2f, 0f, 1f, -1f, 0.2f, 0f}; // 2x2 CHW planes: white, black, two greys
        float[] before = pixels.clone();
        HueRotation.apply(pixels, 0, 2, 2.1);
        assertArrayEquals(before, pixels, 1e-5f);
    }

    @Test
    void a_third_of_a_turn_cycles_the_channels() {
        // Rotating 120 degrees about the grey axis maps R to G, G to B, B to R.
        float[] red = {0.8f, -0.6f, -0.6f};
        HueRotation.apply(red, 0, 1, 2 * Math.PI / 3);
        assertArrayEquals(new float[] {-0.6f, 0.8f, -0.6f}, red, 1e-5f);
    }

    @Test
    void a_full_turn_is_the_identity_and_intermediate_angles_make_new_hues() {
        float[] green = {-0.64f, 0.16f, -0.47f};
        float[] turned = green.clone();
        HueRotation.apply(turned, 0, 1, 2 * Math.PI);
        assertArrayEquals(green, turned, 1e-5f);
        float[] shifted = green.clone();
        HueRotation.apply(shifted, 0, 1, 0.5); // R -> G -> B direction
        assertTrue(shifted[2] > green[2] + 0.1f, "a turn towards blue raises the blue channel");
        assertEquals(sum(green), sum(shifted), 1e-5f); // lightness (mean of channels) is kept
    }

    private static float sum(float[] v) {
        return v[0] + v[1] + v[2];
    }
}
