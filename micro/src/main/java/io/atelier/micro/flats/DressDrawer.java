package io.atelier.micro.flats;

import java.awt.Shape;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Line2D;
import java.awt.geom.Path2D;
import java.awt.geom.Rectangle2D;

/** A dress: fitted bodice, waist seam, flared skirt; scoop or V neckline; any sleeve length. */
final class DressDrawer implements GarmentDrawer {

    static final GarmentDrawer INSTANCE = new DressDrawer();

    @Override
    public void draw(FlatCanvas c) {
        FlatSpec spec = c.spec();
        Proportions p = c.proportions();
        String sleeves = spec.sleeves() == null ? "sleeveless" : spec.sleeves();
        boolean sleeveless = "sleeveless".equals(sleeves);
        double nw = 8;
        double sw = sleeveless ? 12.5 : 15.5;
        double armpitY = sleeveless ? 38 : 36;
        double waistY = 54;
        double waist = 12.5;
        double hem = p.byShape(27, 40);
        double hemY = p.byShape2(106, 116);
        boolean vNeck = p.shape2() > 0.5;

        // Step 1: sleeves, then the body in one piece.
        Sleeves.draw(c, sleeves, 64 - sw, 19, 64 - sw - 1, armpitY, 0, 0, false);
        Path2D body = new Path2D.Double();
        body.moveTo(64 - nw, 15);
        body.lineTo(64 - sw, 19);
        if (sleeveless) {
            body.quadTo(64 - sw + 3, 32, 64 - sw - 2, armpitY);
        } else {
            body.lineTo(64 - sw - 1, armpitY);
        }
        body.lineTo(64 - waist, waistY);
        body.lineTo(64 - hem, hemY);
        body.quadTo(64, hemY + 5, 64 + hem, hemY);
        body.lineTo(64 + waist, waistY);
        body.lineTo(64 + sw + (sleeveless ? 2 : 1), armpitY);
        if (sleeveless) {
            body.quadTo(64 + sw - 3, 32, 64 + sw, 19);
        } else {
            body.lineTo(64 + sw, 19);
        }
        body.lineTo(64 + nw, 15);
        if (vNeck) {
            body.lineTo(64, 31);
        } else {
            body.quadTo(64, 34, 64 - nw, 15);
        }
        body.closePath();
        c.part(body);
        double neckBottom = vNeck ? 31 : 24.5;

        // Step 2: the waist seam and a couple of soft skirt folds.
        c.seam(new Line2D.Double(64 - waist, waistY, 64 + waist, waistY));
        c.seam(new Line2D.Double(64 - 5, waistY + 8, 64 - hem * 0.45, hemY - 4));
        c.seam(new Line2D.Double(64 + 5, waistY + 8, 64 + hem * 0.45, hemY - 4));

        // Step 3: details.
        if (spec.has("collar")) {
            Shape flap = new Ellipse2D.Double(64 - 15, 12.5, 15, 10);
            c.part(flap);
            c.part(FlatCanvas.mirror(flap));
        }
        if (spec.has("zip")) {
            c.zip(64, neckBottom, 64, waistY + 12);
        }
        if (spec.has("buttons")) {
            double x = spec.has("zip") ? 64 : 64;
            double from = spec.has("zip") ? waistY + 18 : neckBottom + 4;
            for (double y = from; y < hemY - 4; y += 7.5) {
                c.button(x, y, 1.6);
            }
        }
        if (spec.has("pockets")) {
            Shape pocket = new Rectangle2D.Double(64 - 7 - hem * 0.45, 70, 10, 11);
            c.part(pocket);
            c.part(FlatCanvas.mirror(pocket));
        }
        if (spec.has("belt")) {
            c.belt(64 - waist - 0.5, 64 + waist + 0.5, waistY, 5, 64);
        }
    }
}
