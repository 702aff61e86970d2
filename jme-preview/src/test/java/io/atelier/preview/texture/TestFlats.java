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

    private TestFlats() {
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
