package io.atelier.brands.house;

import io.atelier.brands.dataset.GarmentColour;
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

    // The chain's arc: from x = START (+ up to 4 steps, by seed) to END at height TOP, sagging by SAG in the middle.
    private static final double CHAIN_START_X = 0.22;
    private static final double CHAIN_START_STEP = 0.02;
    private static final int CHAIN_STARTS = 5;
    private static final double CHAIN_END_X = 0.78;
    private static final double CHAIN_TOP = 0.18;
    private static final double CHAIN_SAG = 0.42;
    /** Gold as the chain is painted: hue of #D4AF37 (0.128 turn) within this distance, saturated and bright. */
    static final float GOLD_HUE = 0.128f;
    static final float GOLD_HUE_TOLERANCE = 0.045f;
    /** Half-width of the band around the chain's possible arcs, as a share of the image width. */
    static final double CHAIN_BAND = 0.05;
    /**
     * The chain is present when gold pixels inside the band cover at least this share of the image. Calibrated on the
     * generator (1,200 base flats, 30 house flats at 128 px): base flats of every colour but yellow stay under 1.2%
     * (98th percentile ≤ 1.1%: gold zips, clasps, buttons that cross the band), house flats are all above 2.1%.
     */
    public static final double CHAIN_PRESENT_SHARE = 0.015;
    /** A garment whose own colour is this close (RGB distance) to gold hides a gold chain from this detector. */
    static final double GOLD_GARMENT_DISTANCE = 70;

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
        double startX = w * (CHAIN_START_X + (seed % CHAIN_STARTS) * CHAIN_START_STEP);
        double endX = w * CHAIN_END_X;
        double top = h * CHAIN_TOP;
        double sag = h * CHAIN_SAG;
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

    /**
     * Share of the image covered by gold pixels lying along the chain strap's arc (where {@link #paintChain} draws
     * it). Gold metal details elsewhere (a clasp, a zip's pull) mostly fall outside the band.
     */
    public static double chainShare(BufferedImage image) {
        int w = image.getWidth();
        int h = image.getHeight();
        float[] hsb = new float[3];
        long gold = 0;
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int rgb = image.getRGB(x, y);
                Color.RGBtoHSB((rgb >> 16) & 0xff, (rgb >> 8) & 0xff, rgb & 0xff, hsb);
                if (Math.abs(hsb[0] - GOLD_HUE) < GOLD_HUE_TOLERANCE && hsb[1] > 0.5f && hsb[2] > 0.5f
                        && nearChainArc((x + 0.5) / w, (y + 0.5) / h)) {
                    gold++;
                }
            }
        }
        return (double) gold / ((long) w * h);
    }

    /**
     * Whether the gold chain strap shows. A garment that is itself gold-coloured (yellow, mustard) cannot be told
     * from a chain by colour: it counts as no chain, and the evaluation says so.
     */
    public static boolean chainPresent(BufferedImage image) {
        return !goldGarment(image) && chainShare(image) >= CHAIN_PRESENT_SHARE;
    }

    static boolean goldGarment(BufferedImage image) {
        return GarmentColour.of(image).map(c -> GarmentColour.distance(c, GOLD) < GOLD_GARMENT_DISTANCE).orElse(false);
    }

    // Whether a point (in image widths/heights) lies within the band around one of the arcs paintChain can draw.
    private static boolean nearChainArc(double x, double y) {
        for (int start = 0; start < CHAIN_STARTS; start++) {
            double startX = CHAIN_START_X + start * CHAIN_START_STEP;
            for (int i = 0; i <= 40; i++) {
                double t = i / 40.0;
                double ax = startX + (CHAIN_END_X - startX) * t;
                double ay = CHAIN_TOP + CHAIN_SAG * 4 * t * (1 - t);
                if (Math.hypot(x - ax, y - ay) < CHAIN_BAND) {
                    return true;
                }
            }
        }
        return false;
    }

    public static boolean houseColourPresent(BufferedImage image, Color house) {
        return houseColourShare(image, house) >= PRESENT_SHARE;
    }

    static float hueDistance(float a, float b) {
        float d = Math.abs(a - b);
        return Math.min(d, 1 - d);
    }
}
