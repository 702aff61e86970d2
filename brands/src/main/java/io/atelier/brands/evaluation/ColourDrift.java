package io.atelier.brands.evaluation;

import java.awt.image.BufferedImage;

/**
 * How far an adapter moves an image's colours, without a judge: the total variation distance between the colour
 * histograms of the same prompt and seed drawn without and with the adapter (8 levels per RGB channel, 512 bins, every
 * pixel counted). 0: the same colours in the same amounts; 1: no colour in common. Position does not count, so a
 * garment drawn a little to the left is no drift, and a skirt turned from pink to magenta is.
 */
public final class ColourDrift {
    private static final int LEVELS = 8;

    private ColourDrift() {
    }

    /** @throws IllegalArgumentException the images differ in size */
    public static double between(BufferedImage without, BufferedImage with) {
        if (without.getWidth() != with.getWidth() || without.getHeight() != with.getHeight()) {
            throw new IllegalArgumentException("images of different sizes");
        }
        long[] a = histogram(without);
        long[] b = histogram(with);
        long pixels = (long) without.getWidth() * without.getHeight();
        long differing = 0;
        for (int i = 0; i < a.length; i++) {
            differing += Math.abs(a[i] - b[i]);
        }
        return pixels == 0 ? 0 : differing / (2.0 * pixels);
    }

    private static long[] histogram(BufferedImage image) {
        long[] bins = new long[LEVELS * LEVELS * LEVELS];
        int shift = 8 - Integer.numberOfTrailingZeros(LEVELS);
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                int rgb = image.getRGB(x, y);
                int r = ((rgb >> 16) & 0xff) >> shift;
                int g = ((rgb >> 8) & 0xff) >> shift;
                int b = (rgb & 0xff) >> shift;
                bins[(r * LEVELS + g) * LEVELS + b]++;
            }
        }
        return bins;
    }
}
