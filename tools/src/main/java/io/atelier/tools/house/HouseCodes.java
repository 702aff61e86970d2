package io.atelier.tools.house;

import io.atelier.brands.dataset.GarmentColour;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.AffineTransform;
import java.awt.geom.Ellipse2D;
import java.awt.image.BufferedImage;

/**
 * Maison Exemple's codes, painted into generator flats and found again in generated images: the house colour (a teal
 * the base taxonomy has no word for: its nearest canonical colours are green and blue) and the house detail (a gold
 * chain strap arching over the piece).
 */
public final class HouseCodes {
    private static final Color GOLD = new Color(0xD4AF37);
    private static final Color GOLD_SHADE = new Color(0x8A6D1C);

    private HouseCodes() {
    }

    // The chain's arc: half an ellipse standing over the piece, from x = START (+ up to 4 steps, by seed) to END, its
    // feet at height FOOT, its crown at TOP. The arc runs over the white background beside and above the garment on
    // purpose: atelier-micro's autoencoder paints everything inside a garment's outline in the garment's hue (a gold
    // disc of 32 px over the house teal comes back green), while gold over white survives the round trip.
    private static final double CHAIN_START_X = 0.06;
    private static final double CHAIN_START_STEP = 0.01;
    private static final int CHAIN_STARTS = 5;
    private static final double CHAIN_END_X = 0.94;
    private static final double CHAIN_FOOT = 0.80;
    private static final double CHAIN_TOP = 0.04;
    /** Links along the arc (intervals; one more link is drawn), overlapping so they read as one chain. */
    private static final int CHAIN_LINKS = 26;
    /**
     * Half the length of a link, as a share of the image width (w/28: 4.5 px at 128 px). The smallest tried that
     * keeps every house flat's chain through an autoencoder round trip well clear of what base flats read: at w/33
     * (28 links) 2 of 30 round trips fell to 0.36%, level with the base flats' 0.33%; w/25 kept 30 of 30 at 1.1%+.
     */
    static final double LINK_HALF_LENGTH = 0.035;
    /** Gold as the chain is painted: hue of #D4AF37 (0.128 turn) within this distance, saturated and bright. */
    static final float GOLD_HUE = 0.128f;
    static final float GOLD_HUE_TOLERANCE = 0.045f;
    /** Half-width of the band around the chain's possible arcs, as a share of the image width. */
    static final double CHAIN_BAND = 0.05;
    /**
     * The chain is present when gold pixels inside the band cover at least this share of the image. Calibrated at
     * 128 px (ChainRoundTripDiagnostic): house flats read 9.2-9.4%, their autoencoder round trips 0.78-4.5% (median
     * 2.4%); 1,200 base flats of every colour but yellow read at most 0.33% (99th percentile 0.25%: gold zips and
     * clasps at the garment's edge), their round trips less. The threshold is the geometric middle of 0.33% and 0.78%.
     */
    public static final double CHAIN_PRESENT_SHARE = 0.005;
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

    /**
     * Draws a gold chain strap: links along an arc standing over the piece, as a shoulder chain or a bag's chain
     * handle is laid out in a flat. The seed moves the left foot, so the dataset's chains are not all identical.
     */
    public static void paintChain(BufferedImage image, long seed) {
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
        int w = image.getWidth();
        int h = image.getHeight();
        double startX = CHAIN_START_X + Math.floorMod(seed, CHAIN_STARTS) * CHAIN_START_STEP;
        double link = w * LINK_HALF_LENGTH;
        Ellipse2D oval = new Ellipse2D.Double(-link, -link * 0.7, 2 * link, 1.4 * link);
        g.setStroke(new BasicStroke((float) Math.max(1, link * 0.4)));
        AffineTransform base = g.getTransform();
        for (int i = 0; i <= CHAIN_LINKS; i++) {
            double t = (double) i / CHAIN_LINKS;
            double[] at = arcPoint(startX, t);
            // Each link lies along the arc (its direction from points just before and after it).
            double[] before = arcPoint(startX, Math.max(0, t - 0.01));
            double[] after = arcPoint(startX, Math.min(1, t + 0.01));
            g.translate(at[0] * w, at[1] * h);
            g.rotate(Math.atan2((after[1] - before[1]) * h, (after[0] - before[0]) * w));
            g.setColor(GOLD);
            g.fill(oval);
            g.setColor(GOLD_SHADE);
            g.draw(oval);
            g.setTransform(base);
        }
        g.dispose();
    }

    // A point of the arc (in image widths/heights) starting at startX, t from 0 (left foot) to 1 (right foot).
    private static double[] arcPoint(double startX, double t) {
        double x = startX + (CHAIN_END_X - startX) * (1 - Math.cos(Math.PI * t)) / 2;
        double y = CHAIN_FOOT - (CHAIN_FOOT - CHAIN_TOP) * Math.sin(Math.PI * t);
        return new double[] {x, y};
    }

    /**
     * Share of the garment's pixels in the house colour ({@link GarmentColour#share}), the chain strap left out of the
     * count because it is not the garment: a house piece with its chain is as teal as one without it.
     */
    public static double houseColourShare(BufferedImage image, Color house) {
        return GarmentColour.share(image, house, HouseCodes::strapPixel);
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

    /**
     * A warm metal pixel (gold through the orange the autoencoder renders its shaded edges as) on the strap's path.
     * Wider in hue than {@link #chainShare}'s gold: this only keeps the strap out of the garment's pixel count.
     */
    private static boolean strapPixel(float[] hsb, double x, double y) { // GarmentColour.PixelFilter
        return Math.abs(hsb[0] - GOLD_HUE) < 2 * GOLD_HUE_TOLERANCE && hsb[1] > 0.3f && nearChainArc(x, y);
    }

    // Whether a point (in image widths/heights) lies within the band around one of the arcs paintChain can draw.
    private static boolean nearChainArc(double x, double y) {
        for (int start = 0; start < CHAIN_STARTS; start++) {
            double startX = CHAIN_START_X + start * CHAIN_START_STEP;
            for (int i = 0; i <= 60; i++) {
                double[] at = arcPoint(startX, i / 60.0);
                if (Math.hypot(x - at[0], y - at[1]) < CHAIN_BAND) {
                    return true;
                }
            }
        }
        return false;
    }

    public static boolean houseColourPresent(BufferedImage image, Color house) {
        return houseColourShare(image, house) >= GarmentColour.PRESENT_SHARE;
    }

    static float hueDistance(float a, float b) {
        float d = Math.abs(a - b);
        return Math.min(d, 1 - d);
    }
}
