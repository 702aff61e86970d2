package io.atelier.micro.flats;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.Shape;
import java.awt.geom.Area;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Path2D;
import java.awt.geom.Rectangle2D;
import java.util.Random;

/**
 * Hints of the material over a garment part, kept subtle so they never change the colour read of the flat: leather
 * has glossy highlights, denim gold topstitching, silk a soft sheen, wool a fine speckle; cotton is plain.
 */
final class MaterialPainter {

    private MaterialPainter() {
    }

    static void paint(Graphics2D g, Shape part, String material, Palette palette, Proportions p) {
        if (material == null || "cotton".equals(material)) {
            return;
        }
        Shape oldClip = g.getClip();
        g.clip(part);
        Rectangle2D box = part.getBounds2D();
        switch (material) {
            case "leather" -> leather(g, box);
            case "denim" -> denim(g, part);
            case "silk" -> silk(g, box);
            case "wool" -> wool(g, box, p);
            default -> throw new IllegalArgumentException("no painter for material " + material);
        }
        g.setClip(oldClip);
    }

    private static void leather(Graphics2D g, Rectangle2D box) {
        g.setColor(new Color(255, 255, 255, 80));
        g.setStroke(new BasicStroke(1.8f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
        double w = box.getWidth();
        for (double f : new double[] {0.22, 0.7}) {
            double x = box.getMinX() + f * w;
            Path2D streak = new Path2D.Double();
            streak.moveTo(x, box.getMinY() + box.getHeight() * 0.12);
            streak.quadTo(x + w * 0.06, box.getCenterY(), x, box.getMinY() + box.getHeight() * 0.45);
            g.draw(streak);
        }
    }

    private static void denim(Graphics2D g, Shape part) {
        Area inner = new Area(part);
        inner.subtract(new Area(new BasicStroke(5f).createStrokedShape(part)));
        g.setColor(new Color(0xE3A849));
        g.setStroke(new BasicStroke(0.9f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND, 10f, new float[] {2.2f, 1.6f}, 0f));
        g.draw(inner);
    }

    private static void silk(Graphics2D g, Rectangle2D box) {
        // Soft, wide sheen folds: a lighter band on a small share of the area, so the colour still reads true.
        g.setColor(new Color(255, 255, 255, 46));
        g.setStroke(new BasicStroke(3.2f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
        double w = box.getWidth();
        for (double f : new double[] {0.3, 0.62}) {
            double x = box.getMinX() + f * w;
            Path2D fold = new Path2D.Double();
            fold.moveTo(x, box.getMinY() + box.getHeight() * 0.2);
            fold.curveTo(x - w * 0.05, box.getMinY() + box.getHeight() * 0.45,
                    x + w * 0.07, box.getMinY() + box.getHeight() * 0.6, x + w * 0.02, box.getMaxY() - box.getHeight() * 0.1);
            g.draw(fold);
        }
    }

    private static void wool(Graphics2D g, Rectangle2D box, Proportions p) {
        Random r = new Random(p.seed() ^ 0xB0B);
        for (double y = box.getMinY(); y < box.getMaxY(); y += 2.2) {
            for (double x = box.getMinX() + (r.nextDouble() * 2); x < box.getMaxX(); x += 2.6) {
                g.setColor(r.nextBoolean() ? new Color(0, 0, 0, 34) : new Color(255, 255, 255, 34));
                g.fill(new Ellipse2D.Double(x, y, 1.0, 1.0));
            }
        }
    }
}
