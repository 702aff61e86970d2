package io.atelier.micro.flats;

import java.awt.BasicStroke;
import java.awt.Shape;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Line2D;
import java.awt.geom.Path2D;
import java.awt.geom.Rectangle2D;
import java.awt.geom.RoundRectangle2D;

/** A handbag: trapezoid body with a top handle; optional shoulder strap, flap and clasp, metal corners, zip. */
final class HandbagDrawer implements GarmentDrawer {

    static final GarmentDrawer INSTANCE = new HandbagDrawer();

    @Override
    public void draw(FlatCanvas c) {
        FlatSpec spec = c.spec();
        Proportions p = c.proportions();
        double top = p.byShape2(50, 58);
        double bottom = 104;
        double topHalf = p.byShape(22, 29);
        double bottomHalf = topHalf + p.byShape2(2, 8);
        // Step 1: the shoulder strap, behind the bag, rising high above it.
        if (spec.has("strap")) {
            // A long strap runs from the side corners up to a peak near the top of the page, well above the handle.
            Path2D strap = new Path2D.Double();
            strap.moveTo(64 - topHalf + 1, top + 2);
            strap.lineTo(64 - 9, 9);
            strap.quadTo(64, 4, 64 + 9, 9);
            strap.lineTo(64 + topHalf - 1, top + 2);
            c.part(new BasicStroke(2.6f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND).createStrokedShape(strap));
        }
        // Step 2: the top handle, then the body.
        Path2D handle = new Path2D.Double();
        handle.moveTo(64 - 12, top + 1);
        handle.curveTo(64 - 12, top - 19, 64 + 12, top - 19, 64 + 12, top + 1);
        c.part(new BasicStroke(4f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND).createStrokedShape(handle));
        c.part(FlatCanvas.poly(64 - topHalf, top, 64 + topHalf, top, 64 + bottomHalf, bottom, 64 - bottomHalf, bottom));
        c.seam(new Line2D.Double(64 - bottomHalf + 1, bottom - 5, 64 + bottomHalf - 1, bottom - 5));
        for (double x : new double[] {64 - 12, 64 + 12}) {
            c.metal(new RoundRectangle2D.Double(x - 2.5, top - 1.5, 5, 4, 1.5, 1.5));
        }
        // Step 3: details.
        if (spec.has("pockets")) {
            double pocketTop = spec.has("clasp") ? top + 31 : top + 20;
            c.part(new Rectangle2D.Double(64 - 14, pocketTop, 28, bottom - 9 - pocketTop));
            c.stitch(new Line2D.Double(64 - 13, pocketTop + 2.5, 64 + 13, pocketTop + 2.5));
        }
        if (spec.has("clasp")) {
            double flapBottom = top + 26;
            Path2D flap = new Path2D.Double();
            flap.moveTo(64 - topHalf, top);
            flap.lineTo(64 + topHalf, top);
            flap.lineTo(64 + topHalf + 1.5, flapBottom - 9);
            flap.quadTo(64 + 6, flapBottom, 64, flapBottom);
            flap.quadTo(64 - 6, flapBottom, 64 - topHalf - 1.5, flapBottom - 9);
            flap.closePath();
            c.part(flap);
            c.metal(new RoundRectangle2D.Double(64 - 5, flapBottom - 5, 10, 7, 3, 3));
            c.metal(new Ellipse2D.Double(64 - 1.6, flapBottom - 3.1, 3.2, 3.2));
        }
        // The zip after the flap: drawn before it, the flap hid it on every bag with a clasp while the label said zip.
        if (spec.has("zip")) {
            c.zip(64 - topHalf + 4, top + 3.5, 64 + topHalf - 4, top + 3.5);
        }
        if (spec.has("metal_corners")) {
            Shape bottomCorner = FlatCanvas.poly(64 - bottomHalf - 0.5, bottom + 0.5, 64 - bottomHalf + 8, bottom + 0.5,
                    64 - bottomHalf + 1.3, bottom - 7.5);
            c.metal(bottomCorner);
            c.metal(FlatCanvas.mirror(bottomCorner));
            Shape topCorner = FlatCanvas.poly(64 - topHalf - 0.5, top - 0.5, 64 - topHalf + 7, top - 0.5,
                    64 - topHalf + 0.3, top + 6.5);
            c.metal(topCorner);
            c.metal(FlatCanvas.mirror(topCorner));
        }
    }
}
