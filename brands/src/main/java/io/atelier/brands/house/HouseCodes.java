package io.atelier.brands.house;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;

/**
 * Maison Exemple's codes, painted into generator flats and found again in generated images: the house colour (a teal
 * the base taxonomy has no word for: its nearest canonical colours are green and blue) and the house detail (a gold
 * chain strap across the piece).
 */
public final class HouseCodes {
    /** A pixel counts as house colour within this hue distance (0..1 turn) of the house hue. */
    static final float HUE_TOLERANCE = 0.045f;
    /** The house colour is present when at least this share of the garment's pixels shows it. */
    public static final double PRESENT_SHARE = 0.30;
    private static final Color GOLD = new Color(0xD4AF37);
    private static final Color GOLD_SHADE = new Color(0x8A6D1C);

    private HouseCodes() {
    }

    /** Turns the flat's green (the generator's fill when asked for "green") into the house colour, shading kept. */
    public static BufferedImage recolour(BufferedImage flat, Color house) {
        float[] target = Color.RGBtoHSB(house.getRed(), house.getGreen(), house.getBlue(), null);
        float greenHue = 1f / 3f;
        BufferedImage out = new BufferedImage(flat.getWidth(), flat.getHeight(), BufferedImage.TYPE_INT_RGB);
        float[] hsb = new float[3];
        for (int y = 0; y < flat.getHeight(); y++) {
            for (int x = 0; x < flat.getWidth(); x++) {
                int rgb = flat.getRGB(x, y);
                Color.RGBtoHSB((rgb >> 16) & 0xff, (rgb >> 8) & 0xff, rgb & 0xff, hsb);
                if (hsb[1] > 0.2f && hueDistance(hsb[0], greenHue) < 0.09f) {
                    // Keep the drawn shading (brightness relative to the fill) on the house hue and saturation.
                    float brightness = Math.min(1f, hsb[2] * target[2] / 0.55f);
                    out.setRGB(x, y, Color.HSBtoRGB(target[0], target[1], brightness));
                } else {
                    out.setRGB(x, y, rgb & 0xffffff);
                }
            }
        }
        return out;
    }

    /** Draws a gold chain strap: links along an arc over the piece, as a crossbody strap would fall. */
    public static void paintChain(BufferedImage image, long seed) {
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        int w = image.getWidth();
        int h = image.getHeight();
        double startX = w * (0.22 + (seed % 5) * 0.02);
        double endX = w * 0.78;
        double top = h * 0.18;
        double sag = h * 0.42;
        int links = 14;
        float link = Math.max(2f, w / 40f);
        g.setStroke(new BasicStroke(Math.max(1f, w / 110f)));
        for (int i = 0; i <= links; i++) {
            double t = (double) i / links;
            double x = startX + (endX - startX) * t;
            double y = top + sag * 4 * t * (1 - t);
            g.setColor(GOLD);
            g.fillOval((int) (x - link), (int) (y - link * 0.7), (int) (2 * link), (int) (1.4 * link));
            g.setColor(GOLD_SHADE);
            g.drawOval((int) (x - link), (int) (y - link * 0.7), (int) (2 * link), (int) (1.4 * link));
        }
        g.dispose();
    }

    /**
     * Share of the garment's pixels (not the white background) in the house colour: same hue within
     * {@link #HUE_TOLERANCE}, clearly saturated.
     */
    public static double houseColourShare(BufferedImage image, Color house) {
        float[] target = Color.RGBtoHSB(house.getRed(), house.getGreen(), house.getBlue(), null);
        float[] hsb = new float[3];
        long garment = 0;
        long matching = 0;
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                int rgb = image.getRGB(x, y);
                Color.RGBtoHSB((rgb >> 16) & 0xff, (rgb >> 8) & 0xff, rgb & 0xff, hsb);
                boolean background = hsb[2] > 0.9f && hsb[1] < 0.08f;
                if (background) {
                    continue;
                }
                garment++;
                if (hsb[1] > 0.35f && hsb[2] > 0.2f && hueDistance(hsb[0], target[0]) < HUE_TOLERANCE) {
                    matching++;
                }
            }
        }
        return garment == 0 ? 0 : (double) matching / garment;
    }

    public static boolean houseColourPresent(BufferedImage image, Color house) {
        return houseColourShare(image, house) >= PRESENT_SHARE;
    }

    static float hueDistance(float a, float b) {
        float d = Math.abs(a - b);
        return Math.min(d, 1 - d);
    }
}
