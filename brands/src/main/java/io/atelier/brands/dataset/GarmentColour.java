package io.atelier.brands.dataset;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.util.Arrays;
import java.util.Optional;

/**
 * The fill colour of the garment in a flat: the per-channel median of the pixels that are neither the white
 * background nor the dark outline. A median ignores the thinner pattern ink, outlines and gold details.
 */
public final class GarmentColour {

    private GarmentColour() {}

    /** The garment's colour, or empty when the image is (almost) all background. */
    public static Optional<Color> of(BufferedImage image) {
        int[] reds = new int[image.getWidth() * image.getHeight()];
        int[] greens = new int[reds.length];
        int[] blues = new int[reds.length];
        int n = collect(image, reds, greens, blues, true);
        if (n < reds.length / 50) {
            // A black or navy garment is mostly "dark": count dark pixels too rather than find nothing.
            n = collect(image, reds, greens, blues, false);
        }
        if (n < reds.length / 50) {
            return Optional.empty();
        }
        return Optional.of(new Color(median(reds, n), median(greens, n), median(blues, n)));
    }

    /** True for the near-white background of a flat (bright and almost grey): every other pixel is garment. */
    public static boolean isBackground(int rgb) {
        return isBackground(Color.RGBtoHSB((rgb >> 16) & 0xff, (rgb >> 8) & 0xff, rgb & 0xff, null));
    }

    private static boolean isBackground(float[] hsb) {
        return hsb[2] > 0.9f && hsb[1] < 0.08f;
    }

    /** Euclidean distance in RGB (0..441). */
    public static double distance(Color a, Color b) {
        int dr = a.getRed() - b.getRed();
        int dg = a.getGreen() - b.getGreen();
        int db = a.getBlue() - b.getBlue();
        return Math.sqrt(dr * dr + dg * dg + db * db);
    }

    private static int collect(BufferedImage image, int[] reds, int[] greens, int[] blues, boolean skipDark) {
        float[] hsb = new float[3];
        int n = 0;
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                int rgb = image.getRGB(x, y);
                int r = (rgb >> 16) & 0xff;
                int g = (rgb >> 8) & 0xff;
                int b = rgb & 0xff;
                Color.RGBtoHSB(r, g, b, hsb);
                boolean background = isBackground(hsb);
                boolean dark = hsb[2] < 0.22f;
                if (background || (skipDark && dark)) {
                    continue;
                }
                reds[n] = r;
                greens[n] = g;
                blues[n] = b;
                n++;
            }
        }
        return n;
    }

    private static int median(int[] values, int n) {
        int[] copy = Arrays.copyOf(values, n);
        Arrays.sort(copy);
        return copy[n / 2];
    }
}
