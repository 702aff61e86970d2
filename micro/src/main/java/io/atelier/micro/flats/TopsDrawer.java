package io.atelier.micro.flats;

import java.awt.Shape;
import java.awt.geom.Line2D;
import java.awt.geom.Path2D;
import java.awt.geom.Rectangle2D;

/** T-shirts and sweatshirts: a straight torso, set-in (tee) or raglan (sweat) sleeves, a neck rib. */
final class TopsDrawer {

    private TopsDrawer() {
    }

    static final GarmentDrawer TSHIRT = TopsDrawer::tshirt;
    static final GarmentDrawer SWEATSHIRT = TopsDrawer::sweatshirt;

    private static Path2D torso(double nw, double sw, double neckY, double shoulderY, double armpitY,
                                double hemY, double hw, double neckDepth) {
        Path2D body = new Path2D.Double();
        body.moveTo(64 - nw, neckY);
        body.lineTo(64 - sw, shoulderY);
        body.lineTo(64 - sw, armpitY);
        body.lineTo(64 - hw, hemY);
        body.lineTo(64 + hw, hemY);
        body.lineTo(64 + sw, armpitY);
        body.lineTo(64 + sw, shoulderY);
        body.lineTo(64 + nw, neckY);
        body.quadTo(64, neckY + neckDepth, 64 - nw, neckY);
        body.closePath();
        return body;
    }

    private static Shape neckline(double nw, double neckY, double depth, double offset) {
        Path2D curve = new Path2D.Double();
        curve.moveTo(64 - nw - offset * 0.6, neckY + offset * 0.3);
        curve.quadTo(64, neckY + depth + offset * 2, 64 + nw + offset * 0.6, neckY + offset * 0.3);
        return curve;
    }

    private static void tshirt(FlatCanvas c) {
        FlatSpec spec = c.spec();
        Proportions p = c.proportions();
        double nw = 8;
        double sw = p.byShape(20, 23);
        double hemY = p.byShape2(102, 110);
        double neckDepth = 10;
        String sleeves = spec.sleeves() == null ? "short_sleeves" : spec.sleeves();
        // Step 1: sleeves behind the body, then the body.
        Sleeves.draw(c, sleeves, 64 - sw, 21, 64 - sw, 42, 1, 0, false);
        c.part(torso(nw, sw, 16, 21, 42, hemY, sw - 1, neckDepth));
        // Step 2: the neck rib and the hem topstitching that make it a tee.
        c.seam(neckline(nw, 16, neckDepth / 2, 2.2));
        c.stitch(new Line2D.Double(64 - sw + 2, hemY - 3, 64 + sw - 2, hemY - 3));
        // Step 3: details.
        if (spec.has("buttons")) {
            c.seam(new Rectangle2D.Double(61.5, 22, 5, 17));
            for (double y = 25; y < 38; y += 5.5) {
                c.button(64, y, 1.3);
            }
        }
        if (spec.has("collar")) {
            Shape flap = FlatCanvas.poly(64 - nw - 1.5, 14.5, 64, 23, 63, 29, 64 - 12, 24);
            c.part(flap);
            c.part(FlatCanvas.mirror(flap));
        }
        if (spec.has("pockets")) {
            c.part(new Rectangle2D.Double(64 + 6, 35, 10, 11));
            c.stitch(new Line2D.Double(64 + 6.5, 37.5, 64 + 15.5, 37.5));
        }
    }

    private static void sweatshirt(FlatCanvas c) {
        FlatSpec spec = c.spec();
        Proportions p = c.proportions();
        double nw = 8.5;
        double sw = p.byShape(22, 25);
        double hemY = p.byShape2(96, 104);
        double neckDepth = 9;
        String sleeves = spec.sleeves() == null ? "long_sleeves" : spec.sleeves();
        boolean hood = spec.has("hood");
        boolean zip = spec.has("zip");
        // Step 1: the hood sits behind everything, rising above the shoulders.
        if (hood) {
            Path2D back = new Path2D.Double();
            back.moveTo(64 - nw - 5, 22);
            back.curveTo(64 - nw - 10, 8, 64 - 8, 1, 64, 2);
            back.curveTo(64 + 8, 1, 64 + nw + 10, 8, 64 + nw + 5, 22);
            back.closePath();
            c.part(back);
        }
        Sleeves.draw(c, sleeves, 64 - sw, 23, 64 - sw, 42, 2, 6, true);
        c.part(torso(nw, sw, 16, 23, 42, hemY, sw - 1, neckDepth));
        c.ribbed(FlatCanvas.poly(64 - sw + 0.5, hemY, 64 + sw - 0.5, hemY, 64 + sw - 1.5, hemY + 7,
                64 - sw + 1.5, hemY + 7), true);
        // Step 2: raglan seams from neck to underarm, the sweatshirt's signature.
        c.seam(new Line2D.Double(64 - nw, 16.5, 64 - sw, 42));
        c.seam(new Line2D.Double(64 + nw, 16.5, 64 + sw, 42));
        // Step 3: neck: a rib for a crew neck, the hood's opening and drawstrings for a hoodie.
        if (hood) {
            Path2D opening = new Path2D.Double();
            opening.moveTo(64 - nw - 1, 15);
            opening.quadTo(64 - nw + 1, 30, 64, 30);
            opening.quadTo(64 + nw - 1, 30, 64 + nw + 1, 15);
            c.seam(opening);
            c.seam(new Line2D.Double(64 - nw - 3, 15, 64 - nw + 1, 8));
            c.seam(new Line2D.Double(64 + nw + 3, 15, 64 + nw - 1, 8));
            if (!zip) {
                c.seam(new Line2D.Double(61, 29, 60, 42));
                c.seam(new Line2D.Double(67, 29, 68, 42));
            }
        } else {
            c.ribbed(ribBand(nw, 16, neckDepth), false);
        }
        if (zip) {
            c.zip(64, hood ? 30 : 16 + neckDepth / 2, 64, hemY + 7);
        }
        if (spec.has("pockets")) {
            if (zip) {
                c.seam(new Line2D.Double(64 - 16, 70, 64 - 12, 88));
                c.seam(new Line2D.Double(64 + 16, 70, 64 + 12, 88));
            } else {
                Path2D kangaroo = new Path2D.Double();
                kangaroo.moveTo(64 - 18, hemY);
                kangaroo.lineTo(64 - 13, hemY - 24);
                kangaroo.lineTo(64 + 13, hemY - 24);
                kangaroo.lineTo(64 + 18, hemY);
                c.seam(kangaroo);
                c.stitch(new Line2D.Double(64 - 12, hemY - 22, 64 + 12, hemY - 22));
            }
        }
    }

    private static Shape ribBand(double nw, double neckY, double depth) {
        Path2D band = new Path2D.Double();
        band.moveTo(64 - nw, neckY);
        band.quadTo(64, neckY + depth, 64 + nw, neckY);
        band.lineTo(64 + nw + 2.5, neckY + 0.5);
        band.quadTo(64, neckY + depth + 6, 64 - nw - 2.5, neckY + 0.5);
        band.closePath();
        return band;
    }
}
