package io.atelier.engine.testing;

import java.awt.image.BufferedImage;

/** Pixel comparisons for the engine's image tests. */
public final class Pixels {
    private Pixels() {
    }

    public static int[] of(BufferedImage image) {
        return image.getRGB(0, 0, image.getWidth(), image.getHeight(), null, 0, image.getWidth());
    }

    /** The largest difference of one R, G or B value between two images of the same size. */
    public static int maxChannelDifference(BufferedImage a, BufferedImage b) {
        int[] pa = of(a);
        int[] pb = of(b);
        int max = 0;
        for (int p = 0; p < pa.length; p++) {
            for (int shift = 0; shift <= 16; shift += 8) {
                max = Math.max(max, Math.abs(((pa[p] >> shift) & 0xFF) - ((pb[p] >> shift) & 0xFF)));
            }
        }
        return max;
    }

    /** Root mean square difference over R, G and B. */
    public static double rmsDistance(BufferedImage a, BufferedImage b) {
        int[] pa = of(a);
        int[] pb = of(b);
        double sum = 0;
        for (int p = 0; p < pa.length; p++) {
            for (int shift = 0; shift <= 16; shift += 8) {
                double d = ((pa[p] >> shift) & 0xFF) - ((pb[p] >> shift) & 0xFF);
                sum += d * d;
            }
        }
        return Math.sqrt(sum / (pa.length * 3.0));
    }
}
