package io.atelier.micro.flats;

import java.awt.Shape;
import java.awt.geom.Line2D;
import java.awt.geom.Path2D;
import java.awt.geom.Rectangle2D;
import java.awt.geom.RoundRectangle2D;

/**
 * Bombers (blousant body gathered into a tipped rib hem, rib collar, sleeve pocket) and biker jackets (cropped,
 * asymmetric crossover front, wide lapels, epaulettes, zipped cuffs).
 */
final class JacketsDrawer {

    private JacketsDrawer() {
    }

    static final GarmentDrawer BOMBER = JacketsDrawer::bomber;
    static final GarmentDrawer BIKER_JACKET = JacketsDrawer::biker;

    private static void hood(FlatCanvas c, double nw) {
        Path2D back = new Path2D.Double();
        back.moveTo(64 - nw - 5, 22);
        back.curveTo(64 - nw - 10, 8, 64 - 8, 1, 64, 2);
        back.curveTo(64 + 8, 1, 64 + nw + 10, 8, 64 + nw + 5, 22);
        back.closePath();
        c.part(back);
    }

    private static void bomber(FlatCanvas c) {
        FlatSpec spec = c.spec();
        Proportions p = c.proportions();
        double nw = 9;
        double sw = p.byShape(22, 25);
        double bodyBottom = p.byShape2(86, 94);
        if (spec.has("hood")) {
            hood(c, nw);
        }
        // Step 1: puffed sleeves with rib cuffs, then the blousant body.
        Sleeves.draw(c, "long_sleeves", 64 - sw, 22, 64 - sw - 1, 42, 5, 6, true);
        Path2D body = new Path2D.Double();
        body.moveTo(64 - nw, 17);
        body.lineTo(64 - sw, 22);
        body.quadTo(64 - sw - 3, 60, 64 - sw + 1, bodyBottom);
        body.lineTo(64 + sw - 1, bodyBottom);
        body.quadTo(64 + sw + 3, 60, 64 + sw, 22);
        body.lineTo(64 + nw, 17);
        body.quadTo(64, 26, 64 - nw, 17);
        body.closePath();
        c.part(body);
        // Step 2: the rib hem with its two tipping stripes.
        Shape hem = FlatCanvas.poly(64 - sw + 1, bodyBottom, 64 + sw - 1, bodyBottom, 64 + sw - 3, bodyBottom + 8,
                64 - sw + 3, bodyBottom + 8);
        c.ribbed(hem, true);
        c.seam(new Line2D.Double(64 - sw + 2, bodyBottom + 2.5, 64 + sw - 2, bodyBottom + 2.5));
        c.seam(new Line2D.Double(64 - sw + 2.5, bodyBottom + 4.5, 64 + sw - 2.5, bodyBottom + 4.5));
        // Step 3: the utility pocket on the left sleeve, an MA-1 signature.
        c.part(new Rectangle2D.Double(64 + sw + 6, 36, 7, 9));
        c.seam(new Line2D.Double(64 + sw + 8, 36, 64 + sw + 8, 41));
        // Step 4: collar: a rib stand collar, or a plain neck edge.
        if (spec.has("collar")) {
            Path2D collar = new Path2D.Double();
            collar.moveTo(64 - nw, 17);
            collar.quadTo(64, 26, 64 + nw, 17);
            collar.lineTo(64 + nw + 1, 11);
            collar.quadTo(64, 19, 64 - nw - 1, 11);
            collar.closePath();
            c.ribbed(collar, true);
        }
        if (spec.has("zip")) {
            c.zip(64, 21.5, 64, bodyBottom + 8);
        } else {
            c.seam(new Line2D.Double(64, 21.5, 64, bodyBottom + 8));
        }
        if (spec.has("buttons")) {
            for (double y = 28; y < bodyBottom; y += 12) {
                c.button(67.5, y, 1.5);
            }
        }
        if (spec.has("pockets")) {
            Shape flap = FlatCanvas.poly(64 - 19, 60, 64 - 12, 56, 64 - 8, 70, 64 - 15, 74);
            c.part(flap);
            c.part(FlatCanvas.mirror(flap));
        }
    }

    private static void biker(FlatCanvas c) {
        FlatSpec spec = c.spec();
        Proportions p = c.proportions();
        double nw = 8;
        double sw = p.byShape(21, 24);
        double hemY = p.byShape2(84, 92);
        // Step 1: straight sleeves with zipped cuffs, then the cropped body.
        Sleeves.draw(c, "long_sleeves", 64 - sw, 21, 64 - sw, 40, 0, 5, false);
        c.part(FlatCanvas.poly(64 - nw, 16, 64 - sw, 21, 64 - sw, 40, 64 - sw + 0.5, hemY,
                64 + sw - 0.5, hemY, 64 + sw, 40, 64 + sw, 21, 64 + nw, 16, 64, 22));
        c.zip(64 - sw - 14, 68, 64 - sw - 17.5, 78);
        c.zip(64 + sw + 14, 68, 64 + sw + 17.5, 78);
        // Step 2: epaulettes, the biker's shoulder straps.
        Shape epaulette = FlatCanvas.poly(64 - nw - 2, 18, 64 - sw + 1, 21.5, 64 - sw + 1.6, 25.5, 64 - nw - 1.4, 22);
        c.part(epaulette);
        c.part(FlatCanvas.mirror(epaulette));
        // Step 3: the asymmetric crossover front, zipped or plain.
        double bendX = 64 + 12;
        double bendY = 36;
        double footX = 64 - 3;
        double kneeY = 60;
        if (spec.has("zip")) {
            c.zip(bendX, bendY, footX, kneeY);
            c.zip(footX, kneeY, footX, hemY);
        } else {
            c.seam(FlatCanvas.polyline(bendX, bendY, footX, kneeY, footX, hemY));
        }
        c.seam(new Line2D.Double(bendX, bendY, 64 + nw + 1, 18));
        // Step 4: lapels (the collar) with snap tips, or a small stand collar.
        if (spec.has("collar")) {
            Shape lapel = FlatCanvas.poly(64 - nw, 15, 64 - 18, 18, 64 - 23, 33, 64 - 12, 45, 64 - 5, 24);
            c.part(lapel);
            c.part(FlatCanvas.poly(64 + nw, 15, 64 + 18, 18, 64 + 24, 30, bendX + 2, bendY + 4, 64 + 6, 22));
            if (spec.has("buttons")) {
                c.button(64 - 13, 41, 1.6);
                c.button(64 + 20, 33, 1.6);
            }
        } else {
            c.part(new RoundRectangle2D.Double(64 - nw, 12, 2 * nw, 5, 2, 2));
            if (spec.has("buttons")) {
                for (double y = 44; y < hemY - 4; y += 10) {
                    c.button(footX - 4, y, 1.5);
                }
            }
        }
        if (spec.has("pockets")) {
            c.zip(64 - 20, 52, 64 - 11, 68);
            c.zip(64 + 11, 52, 64 + 19, 66);
        }
        if (spec.has("belt")) {
            c.belt(64 - sw + 0.5, 64 + sw - 0.5, hemY - 3.5, 5, 64 - sw + 8);
        }
    }
}
