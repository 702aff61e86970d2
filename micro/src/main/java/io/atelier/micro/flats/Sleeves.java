package io.atelier.micro.flats;

import java.awt.Shape;
import java.awt.geom.Path2D;

/**
 * Left sleeve shapes (the right one is their mirror) hung from a shoulder point (sx, sy) and an armpit (ax, ay),
 * angled away from the body as flats draw them so the sleeve length reads at a glance.
 */
final class Sleeves {

    private Sleeves() {
    }

    /** The sleeve for a sleeve-length token, or null for sleeveless. {@code puff} bows the outer edge out. */
    static Shape left(String length, double sx, double sy, double ax, double ay, double puff) {
        if (length == null || "sleeveless".equals(length)) {
            return null;
        }
        Path2D sleeve = new Path2D.Double();
        sleeve.moveTo(sx, sy);
        if ("short_sleeves".equals(length)) {
            sleeve.quadTo(sx - 8 - puff, sy + 5, sx - 14, sy + 16);
            sleeve.lineTo(sx - 5, sy + 24);
        } else {
            sleeve.quadTo(sx - 13 - puff, sy + 28, sx - 20, sy + 60);
            sleeve.lineTo(sx - 9, sy + 63);
        }
        sleeve.lineTo(ax, ay);
        sleeve.closePath();
        return sleeve;
    }

    /** The band at the end of a long sleeve (cuff), {@code depth} units deep. */
    static Shape leftCuff(double sx, double sy, double depth) {
        double ux = 0.32 * depth;
        double uy = -0.95 * depth;
        return FlatCanvas.poly(sx - 20, sy + 60, sx - 9, sy + 63, sx - 9 + ux, sy + 63 + uy, sx - 20 + ux, sy + 60 + uy);
    }

    /** Draws both sleeves (and cuffs when {@code cuffDepth > 0} on long sleeves) as fabric parts. */
    static void draw(FlatCanvas canvas, String length, double sx, double sy, double ax, double ay, double puff,
                     double cuffDepth, boolean ribbedCuff) {
        Shape left = left(length, sx, sy, ax, ay, puff);
        if (left == null) {
            return;
        }
        canvas.part(left);
        canvas.part(FlatCanvas.mirror(left));
        if ("long_sleeves".equals(length) && cuffDepth > 0) {
            Shape cuff = leftCuff(sx, sy, cuffDepth);
            if (ribbedCuff) {
                canvas.ribbed(cuff, true);
                canvas.ribbed(FlatCanvas.mirror(cuff), true);
            } else {
                canvas.part(cuff);
                canvas.part(FlatCanvas.mirror(cuff));
            }
        }
    }
}
