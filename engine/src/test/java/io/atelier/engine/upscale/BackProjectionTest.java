package io.atelier.engine.upscale;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import org.junit.jupiter.api.Test;

/** The correction that makes an upscale shrink back to its source, and the MATLAB-style resize it relies on. */
class BackProjectionTest {

    /** A photograph-like test card: a smooth dark gradient (where esrgan-slim drifts), a disc and fine stripes. */
    private static BufferedImage card(int side) {
        BufferedImage image = new BufferedImage(side, side, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < side; y++) {
            for (int x = 0; x < side; x++) {
                image.setRGB(x, y, new Color(10 + x * 60 / side, 20 + y * 80 / side, 30).getRGB());
            }
        }
        Graphics2D g = image.createGraphics();
        g.setColor(new Color(200, 60, 40));
        g.fillOval(side / 4, side / 4, side / 2, side / 2);
        g.setColor(new Color(240, 220, 90));
        for (int x = 0; x < side; x += 6) {
            g.fillRect(x, side * 3 / 4, 2, side / 8);
        }
        g.dispose();
        return image;
    }

    private static BufferedImage shrink(BufferedImage image, int factor) {
        return CubicResize.shrink(image, factor);
    }

    /** Nearest-neighbour enlargement plus a lift of 3 levels: a poor upscaler with a bias, as the networks have. */
    private static BufferedImage blockyAndBiased(BufferedImage small, int factor) {
        BufferedImage big = new BufferedImage(small.getWidth() * factor, small.getHeight() * factor,
                BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < big.getHeight(); y++) {
            for (int x = 0; x < big.getWidth(); x++) {
                Color c = new Color(small.getRGB(x / factor, y / factor));
                big.setRGB(x, y, new Color(Math.min(255, c.getRed() + 3), Math.min(255, c.getGreen() + 3),
                        Math.min(255, c.getBlue() + 3)).getRGB());
            }
        }
        return big;
    }

    /** Mean absolute difference per channel value, in levels. */
    private static double meanDifference(BufferedImage a, BufferedImage b) {
        double sum = 0;
        for (int y = 0; y < a.getHeight(); y++) {
            for (int x = 0; x < a.getWidth(); x++) {
                int p = a.getRGB(x, y);
                int q = b.getRGB(x, y);
                for (int shift = 0; shift <= 16; shift += 8) {
                    sum += Math.abs(((p >> shift) & 0xFF) - ((q >> shift) & 0xFF));
                }
            }
        }
        return sum / (3.0 * a.getWidth() * a.getHeight());
    }

    private static double psnr(BufferedImage a, BufferedImage b) {
        double sum = 0;
        for (int y = 0; y < a.getHeight(); y++) {
            for (int x = 0; x < a.getWidth(); x++) {
                int p = a.getRGB(x, y);
                int q = b.getRGB(x, y);
                for (int shift = 0; shift <= 16; shift += 8) {
                    double d = ((p >> shift) & 0xFF) - ((q >> shift) & 0xFF);
                    sum += d * d;
                }
            }
        }
        return 10 * Math.log10(255.0 * 255.0 / (sum / (3.0 * a.getWidth() * a.getHeight())));
    }

    @Test
    void a_biased_upscale_is_corrected_to_shrink_back_to_its_source_and_comes_nearer_the_original() {
        for (int factor : new int[] {2, 3, 4}) {
            BufferedImage original = card(96);
            BufferedImage source = shrink(original, factor);
            BufferedImage upscaled = blockyAndBiased(source, factor);
            double before = meanDifference(shrink(upscaled, factor), source);
            double psnrBefore = psnr(upscaled, original);

            BufferedImage corrected = BackProjection.apply(upscaled, source, factor);

            double after = meanDifference(shrink(corrected, factor), source);
            double psnrAfter = psnr(corrected, original);
            System.out.printf("x%d: disagreement %.2f -> %.2f levels, PSNR %.2f -> %.2f dB%n", factor, before, after,
                    psnrBefore, psnrAfter);
            assertTrue(before >= 3, "x" + factor + ": the poor upscale disagrees with its source by " + before);
            assertTrue(after <= 0.6, "x" + factor + ": shrunk back it gives the source within 0.6 levels on average, not "
                    + after);
            assertTrue(psnrAfter > psnrBefore + 0.1, "x" + factor + ": nearer the original, " + psnrBefore + " -> "
                    + psnrAfter + " dB");
        }
    }

    @Test
    void an_upscale_that_already_agrees_is_left_as_it_is_and_int_rgb_is_corrected_in_place() {
        BufferedImage flat = new BufferedImage(8, 8, BufferedImage.TYPE_INT_RGB);
        BufferedImage big = new BufferedImage(32, 32, BufferedImage.TYPE_INT_RGB);
        for (BufferedImage image : new BufferedImage[] {flat, big}) {
            Graphics2D g = image.createGraphics();
            g.setColor(new Color(12, 140, 200));
            g.fillRect(0, 0, image.getWidth(), image.getHeight());
            g.dispose();
        }
        int[] before = big.getRGB(0, 0, 32, 32, null, 0, 32);
        BufferedImage corrected = BackProjection.apply(big, flat, 4);
        assertSame(big, corrected);
        assertArrayEquals(before, corrected.getRGB(0, 0, 32, 32, null, 0, 32));
    }

    @Test
    void the_resize_keeps_a_constant_and_a_ramp_as_matlab_imresize_does() {
        float[] constant = new float[12 * 8];
        java.util.Arrays.fill(constant, 77f);
        for (float v : CubicResize.shrink(constant, 12, 8, 4)) {
            assertEquals(77f, v, 1e-4);
        }
        for (float v : CubicResize.enlarge(constant, 12, 8, 3)) {
            assertEquals(77f, v, 1e-4);
        }
        // A horizontal ramp enlarged x2: away from the mirrored borders, the cubic kernel reproduces a line, sampled
        // at output pixel centres ((o + 0.5) / 2 - 0.5 in input pixels), as imresize does.
        float[] ramp = new float[16 * 2];
        for (int y = 0; y < 2; y++) {
            for (int x = 0; x < 16; x++) {
                ramp[y * 16 + x] = 10 * x;
            }
        }
        float[] big = CubicResize.enlarge(ramp, 16, 2, 2);
        for (int o = 6; o < 26; o++) {
            assertEquals(10 * ((o + 0.5) / 2 - 0.5), big[o], 1e-3, "output column " + o);
        }
    }
}
