package io.atelier.micro.flats;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.Shape;
import java.awt.Stroke;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Line2D;
import java.awt.geom.Path2D;
import java.awt.geom.Rectangle2D;
import java.awt.geom.RoundRectangle2D;

/**
 * The drawing vocabulary of a technical flat in the 128-unit design space: garment parts (filled, printed, outlined),
 * seams, topstitching, zips, buttons, hardware. Garment drawers say what to draw; this class says how it looks.
 */
final class FlatCanvas {

    private final Graphics2D g;
    private final FlatSpec spec;
    private final Palette palette;
    private final Proportions proportions;
    private final float outlineWidth;

    FlatCanvas(Graphics2D g, FlatSpec spec, Palette palette, Proportions proportions, float outlineWidth) {
        this.g = g;
        this.spec = spec;
        this.palette = palette;
        this.proportions = proportions;
        this.outlineWidth = outlineWidth;
    }

    Proportions proportions() {
        return proportions;
    }

    FlatSpec spec() {
        return spec;
    }

    /** A fabric part: filled in the garment colour, printed, given its material hint, outlined. */
    void part(Shape shape) {
        g.setColor(palette.fill());
        g.fill(shape);
        PatternPainter.paint(g, shape, spec.pattern(), palette, proportions);
        MaterialPainter.paint(g, shape, spec.material(), palette, proportions);
        outline(shape);
    }

    /** A ribbed band (cuff, hem, neck rib): fabric part plus fine rib lines across its width. */
    void ribbed(Shape shape, boolean vertical) {
        part(shape);
        Shape oldClip = g.getClip();
        g.clip(shape);
        Rectangle2D box = shape.getBounds2D();
        line(outlineWidth * 0.45f);
        if (vertical) {
            for (double x = box.getMinX() + 1.8; x < box.getMaxX(); x += 1.8) {
                g.draw(new Line2D.Double(x, box.getMinY(), x, box.getMaxY()));
            }
        } else {
            for (double y = box.getMinY() + 1.8; y < box.getMaxY(); y += 1.8) {
                g.draw(new Line2D.Double(box.getMinX(), y, box.getMaxX(), y));
            }
        }
        g.setClip(oldClip);
    }

    void outline(Shape shape) {
        g.setColor(palette.outline());
        g.setStroke(new BasicStroke(outlineWidth, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
        g.draw(shape);
    }

    /** A construction line inside the garment (seam, fold, pocket opening). */
    void seam(Shape shape) {
        line(outlineWidth * 0.7f);
        g.draw(shape);
    }

    /** Dashed topstitching. */
    void stitch(Shape shape) {
        g.setColor(palette.detailLine());
        g.setStroke(new BasicStroke(outlineWidth * 0.45f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND, 10f,
                new float[] {1.6f, 1.4f}, 0f));
        g.draw(shape);
    }

    /** A zip from its top (where the pull hangs) to its bottom: tape line, teeth ticks, a metal pull. */
    void zip(double x0, double y0, double x1, double y1) {
        double length = Math.hypot(x1 - x0, y1 - y0);
        double ux = (x1 - x0) / length;
        double uy = (y1 - y0) / length;
        line(outlineWidth * 0.8f);
        g.draw(new Line2D.Double(x0, y0, x1, y1));
        line(outlineWidth * 0.45f);
        for (double t = 2; t < length; t += 2.2) {
            double cx = x0 + ux * t;
            double cy = y0 + uy * t;
            g.draw(new Line2D.Double(cx - uy * 1.3, cy + ux * 1.3, cx + uy * 1.3, cy - ux * 1.3));
        }
        // The pull: a small tab hanging from the slider, the part a designer's eye looks for.
        double px = x0 + ux * 2.5;
        double py = y0 + uy * 2.5;
        Shape pull = new RoundRectangle2D.Double(px - 1.8, py, 3.6, 6.5, 1.5, 1.5);
        metal(pull);
        // A dark rim: a gold pull on a yellow garment or a silver one on white dots otherwise all but vanishes,
        // leaving the tape, which a plain centre seam also draws.
        g.setColor(palette.outline());
        g.setStroke(new BasicStroke(outlineWidth * 0.5f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
        g.draw(pull);
    }

    void button(double x, double y, double radius) {
        Shape dot = new Ellipse2D.Double(x - radius, y - radius, 2 * radius, 2 * radius);
        g.setColor(palette.detailLine());
        g.fill(dot);
        g.setColor(palette.outline());
        g.setStroke(new BasicStroke(outlineWidth * 0.4f));
        g.draw(dot);
    }

    /** Metal hardware: buckle, clasp, corner piece, zip pull. */
    void metal(Shape shape) {
        g.setColor(palette.metal());
        g.fill(shape);
        g.setColor(palette.metalShade());
        g.setStroke(new BasicStroke(outlineWidth * 0.6f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
        g.draw(shape);
    }

    /** A belt across the garment from x0 to x1 centred on y, with a buckle at buckleX. */
    void belt(double x0, double x1, double y, double height, double buckleX) {
        Shape strap = new Rectangle2D.Double(x0, y - height / 2, x1 - x0, height);
        g.setColor(Palette.shade(palette.fill(), 0.55));
        g.fill(strap);
        outline(strap);
        Shape buckle = new Rectangle2D.Double(buckleX - height * 0.55, y - height * 0.75, height * 1.1, height * 1.5);
        metal(buckle);
        g.setColor(palette.metalShade());
        g.setStroke(new BasicStroke(outlineWidth * 0.6f));
        g.draw(new Line2D.Double(buckleX, y - height * 0.5, buckleX, y + height * 0.5));
    }

    private void line(float width) {
        g.setColor(palette.detailLine());
        g.setStroke(new BasicStroke(width, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
    }

    Stroke stroke() {
        return g.getStroke();
    }

    Color fill() {
        return palette.fill();
    }

    /** A closed polygon through the given x,y pairs. */
    static Path2D poly(double... xy) {
        Path2D path = new Path2D.Double();
        path.moveTo(xy[0], xy[1]);
        for (int i = 2; i < xy.length; i += 2) {
            path.lineTo(xy[i], xy[i + 1]);
        }
        path.closePath();
        return path;
    }

    /** An open polyline through the given x,y pairs. */
    static Path2D polyline(double... xy) {
        Path2D path = new Path2D.Double();
        path.moveTo(xy[0], xy[1]);
        for (int i = 2; i < xy.length; i += 2) {
            path.lineTo(xy[i], xy[i + 1]);
        }
        return path;
    }

    /** The mirror image of a shape about the vertical centre line x = 64. */
    static Shape mirror(Shape shape) {
        java.awt.geom.AffineTransform flip = new java.awt.geom.AffineTransform(-1, 0, 0, 1, 128, 0);
        return flip.createTransformedShape(shape);
    }
}
