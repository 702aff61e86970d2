package io.atelier.brands.dataset;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.util.Arrays;
import java.util.Optional;

/**
 * The fill colour of the garment in a flat: the per-channel median of the pixels that are neither the white
 * background nor the dark outline. A median ignores the thinner pattern ink, outlines and gold details. Also how much
 * of the garment shows a given colour ({@link #share}), which is how an evaluation finds a brand's declared colour.
 */
public final class GarmentColour {
    /** A pixel is of a colour within this hue distance (0..1 turn). */
    public static final float HUE_TOLERANCE = 0.045f;
    /** A colour is present on a garment when at least this share of its pixels shows it. */
    public static final double PRESENT_SHARE = 0.30;

    /** Pixels to leave out of the garment: (hue, saturation, brightness) and the position as a share of the image. */
    @FunctionalInterface
    public interface PixelFilter {
        boolean test(float[] hsb, double x, double y);
    }

    private GarmentColour() {}

    /**
     * Share of the garment's pixels (not the background, not what {@code notGarmentOrNull} leaves out) of
     * {@code colour}'s hue within {@link #HUE_TOLERANCE}, clearly saturated.
     */
    public static double share(BufferedImage image, Color colour, PixelFilter notGarmentOrNull) {
        float[] target = Color.RGBtoHSB(colour.getRed(), colour.getGreen(), colour.getBlue(), null);
        float[] hsb = new float[3];
        long garment = 0;
        long matching = 0;
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                int rgb = image.getRGB(x, y);
                Color.RGBtoHSB((rgb >> 16) & 0xff, (rgb >> 8) & 0xff, rgb & 0xff, hsb);
                if (isBackground(hsb) || notGarmentOrNull != null
                        && notGarmentOrNull.test(hsb, (x + 0.5) / image.getWidth(), (y + 0.5) / image.getHeight())) {
                    continue;
                }
                garment++;
                float d = Math.abs(hsb[0] - target[0]);
                if (hsb[1] > 0.35f && hsb[2] > 0.2f && Math.min(d, 1 - d) < HUE_TOLERANCE) {
                    matching++;
                }
            }
        }
        return garment == 0 ? 0 : (double) matching / garment;
    }

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
