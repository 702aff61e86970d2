package io.atelier.micro.flats;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.Shape;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Rectangle2D;
import java.util.Random;

/**
 * Paints a print over a garment part, clipped to it. Patterns are laid in page coordinates so sleeves and body line
 * up, sized to stay legible at 64 px (a stripe is at least ~2 px there).
 */
final class PatternPainter {

    private PatternPainter() {
    }

    static void paint(Graphics2D g, Shape part, String pattern, Palette palette, Proportions p) {
        if ("solid".equals(pattern)) {
            return;
        }
        Shape oldClip = g.getClip();
        g.clip(part);
        Rectangle2D box = part.getBounds2D();
        switch (pattern) {
            case "stripes" -> stripes(g, box, palette, p);
            case "check" -> check(g, box, palette, p);
            case "polka_dots" -> dots(g, box, palette, p);
            case "leopard" -> leopard(g, box, palette, p);
            default -> throw new IllegalArgumentException("no painter for pattern " + pattern);
        }
        g.setClip(oldClip);
    }

    private static void stripes(Graphics2D g, Rectangle2D box, Palette palette, Proportions p) {
        double period = 11 * p.patternScale();
        double band = period * 0.42;
        g.setColor(palette.patternInk());
        if (p.verticalStripes()) {
            double start = Math.floor(box.getMinX() / period) * period + p.patternPhaseX() * period - period;
            for (double x = start; x < box.getMaxX(); x += period) {
                g.fill(new Rectangle2D.Double(x, box.getMinY(), band, box.getHeight()));
            }
        } else {
            double start = Math.floor(box.getMinY() / period) * period + p.patternPhaseY() * period - period;
            for (double y = start; y < box.getMaxY(); y += period) {
                g.fill(new Rectangle2D.Double(box.getMinX(), y, box.getWidth(), band));
            }
        }
    }

    private static void check(Graphics2D g, Rectangle2D box, Palette palette, Proportions p) {
        double period = 14 * p.patternScale();
        double band = period * 0.45;
        Color wash = Palette.withAlpha(palette.patternInk(), 0.5);
        double x0 = Math.floor(box.getMinX() / period) * period + p.patternPhaseX() * period - period;
        double y0 = Math.floor(box.getMinY() / period) * period + p.patternPhaseY() * period - period;
        g.setColor(wash);
        for (double y = y0; y < box.getMaxY(); y += period) {
            g.fill(new Rectangle2D.Double(box.getMinX(), y, box.getWidth(), band));
        }
        for (double x = x0; x < box.getMaxX(); x += period) {
            g.fill(new Rectangle2D.Double(x, box.getMinY(), band, box.getHeight()));
        }
        // A thin contrasting line through each band: the tartan's overcheck, what reads as "check" at a glance.
        g.setColor(Palette.withAlpha(palette.patternInk(), 0.9));
        g.setStroke(new BasicStroke(0.9f));
        for (double y = y0 + band / 2; y < box.getMaxY(); y += period) {
            g.draw(new java.awt.geom.Line2D.Double(box.getMinX(), y, box.getMaxX(), y));
        }
        for (double x = x0 + band / 2; x < box.getMaxX(); x += period) {
            g.draw(new java.awt.geom.Line2D.Double(x, box.getMinY(), x, box.getMaxY()));
        }
    }

    private static void dots(Graphics2D g, Rectangle2D box, Palette palette, Proportions p) {
        double period = 11 * p.patternScale();
        double radius = 2.6 * p.patternScale();
        g.setColor(palette.patternInk());
        double x0 = Math.floor(box.getMinX() / period) * period + p.patternPhaseX() * period - period;
        double y0 = Math.floor(box.getMinY() / period) * period + p.patternPhaseY() * period - period;
        int row = 0;
        for (double y = y0; y < box.getMaxY() + period; y += period / 2, row++) {
            // Staggered rows, as polka dots are printed.
            double offset = (row % 2) * period / 2;
            for (double x = x0 + offset; x < box.getMaxX() + period; x += period) {
                g.fill(new Ellipse2D.Double(x - radius, y - radius, 2 * radius, 2 * radius));
            }
        }
    }

    private static void leopard(Graphics2D g, Rectangle2D box, Palette palette, Proportions p) {
        Random r = new Random(p.seed());
        double period = 12 * p.patternScale();
        // Dark rosettes vanish on black or navy: there the print is drawn in tan, as dark leopard prints are.
        boolean darkGround = Palette.luminance(palette.fill()) < 0.25;
        Color tan = new Color(0xD8C3A0);
        Color ring = darkGround ? mix(palette.fill(), tan, 0.55) : new Color(0x24160C);
        Color core = darkGround ? mix(palette.fill(), tan, 0.3) : Palette.shade(palette.fill(), 0.72);
        double x0 = Math.floor(box.getMinX() / period) * period - period;
        double y0 = Math.floor(box.getMinY() / period) * period - period;
        for (double y = y0; y < box.getMaxY() + period; y += period * 0.8) {
            for (double x = x0; x < box.getMaxX() + period; x += period) {
                double cx = x + r.nextDouble() * period * 0.6;
                double cy = y + r.nextDouble() * period * 0.5;
                double w = 4.5 + r.nextDouble() * 3;
                double h = 3.5 + r.nextDouble() * 2.5;
                // A rosette: a broken dark ring around a darker core, the mark of a leopard print.
                g.setColor(core);
                g.fill(new Ellipse2D.Double(cx - w / 2, cy - h / 2, w, h));
                g.setColor(ring);
                g.setStroke(new BasicStroke(1.6f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
                double start = r.nextDouble() * 360;
                g.draw(new java.awt.geom.Arc2D.Double(cx - w / 2, cy - h / 2, w, h, start, 130, java.awt.geom.Arc2D.OPEN));
                g.draw(new java.awt.geom.Arc2D.Double(cx - w / 2, cy - h / 2, w, h, start + 175, 120, java.awt.geom.Arc2D.OPEN));
            }
        }
    }

    private static Color mix(Color a, Color b, double t) {
        return new Color((int) Math.round(a.getRed() * (1 - t) + b.getRed() * t),
                (int) Math.round(a.getGreen() * (1 - t) + b.getGreen() * t),
                (int) Math.round(a.getBlue() * (1 - t) + b.getBlue() * t));
    }
}
