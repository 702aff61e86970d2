package io.atelier.preview.texture;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.Polygon;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;

/** Flats drawn the way the generator draws them: one garment, front view, centred on white paper. */
public final class TestFlats {
    public static final Color RED = new Color(178, 34, 52);
    public static final Color CREAM = new Color(245, 240, 230);

    public static final Color PRINT_RED = new Color(200, 30, 40);
    public static final Color PRINT_YELLOW = new Color(240, 210, 40);
    public static final Color TEAL = new Color(20, 120, 130);

    private TestFlats() {
    }

    /** A full-bleed print: red fabric with thin yellow stripes (4 px every 32 px at 512), no background at all. */
    public static BufferedImage stripedPrint(int size) {
        BufferedImage img = new BufferedImage(size, size, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setColor(PRINT_RED);
        g.fillRect(0, 0, size, size);
        g.setColor(PRINT_YELLOW);
        float k = size / 512f;
        for (int y = 0; y < size; y += Math.max(2, Math.round(32 * k))) {
            g.fillRect(0, y, size, Math.max(1, Math.round(4 * k)));
        }
        g.dispose();
        return img;
    }

    /**
     * A flat as a diffusion model draws one: a teal sleeveless dress with narrow straps (much narrower than a dress
     * form's shoulders), a dark anti-aliased outline and grain on the cloth, on slightly noisy off-white paper.
     */
    public static BufferedImage noisyPlainDress(int size, long seed) {
        BufferedImage img = new BufferedImage(size, size, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setColor(new Color(247, 246, 243));
        g.fillRect(0, 0, size, size);
        float k = size / 512f;
        int[] xs = {222, 238, 274, 290, 312, 300, 296, 380, 132, 216, 212, 200};
        int[] ys = {50, 50, 50, 50, 130, 200, 230, 470, 470, 230, 200, 130};
        Polygon dress = new Polygon();
        for (int i = 0; i < xs.length; i++) {
            dress.addPoint(Math.round(xs[i] * k), Math.round(ys[i] * k));
        }
        g.setColor(TEAL);
        g.fillPolygon(dress);
        g.setColor(new Color(25, 25, 28));
        g.setStroke(new java.awt.BasicStroke(Math.max(1f, 3 * k)));
        g.drawPolygon(dress);
        g.dispose();
        java.util.Random random = new java.util.Random(seed);
        for (int y = 0; y < size; y++) {
            for (int x = 0; x < size; x++) {
                int rgb = img.getRGB(x, y);
                int n = (int) Math.round(random.nextGaussian() * (dress.contains(x, y) ? 12 : 2));
                int r = clamp(((rgb >> 16) & 0xFF) + n);
                int gr = clamp(((rgb >> 8) & 0xFF) + n);
                int b = clamp((rgb & 0xFF) + n);
                img.setRGB(x, y, r << 16 | gr << 8 | b);
            }
        }
        return img;
    }

    /**
     * The same teal dress on paper that is not flat: a vignette from 250 at the top to 218 at the bottom corners and a
     * soft grey shadow under the hem, as diffusion models light their flats.
     */
    public static BufferedImage shadedPaperDress(int size, long seed) {
        BufferedImage img = noisyPlainDress(size, seed);
        for (int y = 0; y < size; y++) {
            for (int x = 0; x < size; x++) {
                int rgb = img.getRGB(x, y);
                if (((rgb >> 16) & 0xFF) < 225 || Math.abs(((rgb >> 16) & 0xFF) - (rgb & 0xFF)) > 12) {
                    continue; // the garment and its outline
                }
                double dx = (x - size / 2.0) / size;
                double dy = (double) y / size;
                double shade = 32 * Math.min(1, dy * 0.6 + dx * dx * 1.6);
                double hemShadow = 26 * Math.exp(-Math.pow((y - size * 0.93) / (size * 0.03), 2))
                        * Math.exp(-Math.pow((x - size / 2.0) / (size * 0.22), 2));
                int v = clamp((int) Math.round(((rgb >> 16) & 0xFF) - shade - hemShadow));
                img.setRGB(x, y, v << 16 | v << 8 | clamp(v - 3));
            }
        }
        return img;
    }

    private static int clamp(int v) {
        return Math.max(0, Math.min(255, v));
    }

    /** A red A-line dress with cream horizontal stripes (period 28 px at 512) and a dark belt. */
    public static BufferedImage stripedDress(int size) {
        BufferedImage img = new BufferedImage(size, size, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setColor(new Color(250, 250, 248));
        g.fillRect(0, 0, size, size);
        float k = size / 512f;
        int[] xs = {206, 236, 276, 306, 318, 300, 296, 380, 132, 216, 212, 194};
        int[] ys = {60, 48, 48, 60, 120, 200, 230, 460, 460, 230, 200, 120};
        Polygon dress = new Polygon();
        for (int i = 0; i < xs.length; i++) {
            dress.addPoint(Math.round(xs[i] * k), Math.round(ys[i] * k));
        }
        g.setClip(dress);
        g.setColor(RED);
        g.fillRect(0, 0, size, size);
        g.setColor(CREAM);
        for (int y = 0; y < size; y += Math.round(28 * k)) {
            g.fillRect(0, y, size, Math.max(1, Math.round(12 * k)));
        }
        g.setColor(new Color(40, 30, 30));
        g.fillRect(0, Math.round(196 * k), size, Math.max(1, Math.round(8 * k)));
        g.dispose();
        return img;
    }
}
