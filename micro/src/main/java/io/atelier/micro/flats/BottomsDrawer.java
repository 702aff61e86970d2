package io.atelier.micro.flats;

import java.awt.Shape;
import java.awt.geom.Line2D;
import java.awt.geom.Path2D;
import java.awt.geom.Rectangle2D;

/** Skirts (waistband, A-line to pencil) and trousers (waistband, fly, pressed creases). */
final class BottomsDrawer {

    private BottomsDrawer() {
    }

    static final GarmentDrawer SKIRT = BottomsDrawer::skirt;
    static final GarmentDrawer TROUSERS = BottomsDrawer::trousers;

    private static void beltLoops(FlatCanvas c, double half, double top, double bottom) {
        for (double x : new double[] {64 - half + 4, 64 - 9, 64 + 9, 64 + half - 4}) {
            c.part(new Rectangle2D.Double(x - 1, top - 1, 2, bottom - top + 2));
        }
    }

    private static void skirt(FlatCanvas c) {
        FlatSpec spec = c.spec();
        Proportions p = c.proportions();
        double half = p.byShape2(20, 24);
        double hem = p.byShape(27, 42);
        double hemY = p.byShape2(96, 108);
        double top = 24;
        double bandBottom = 31;
        // Step 1: the skirt body, then its waistband.
        Path2D body = new Path2D.Double();
        body.moveTo(64 - half, bandBottom);
        body.lineTo(64 - hem, hemY);
        body.quadTo(64, hemY + 4, 64 + hem, hemY);
        body.lineTo(64 + half, bandBottom);
        body.closePath();
        c.part(body);
        c.part(new Rectangle2D.Double(64 - half, top, 2 * half, bandBottom - top));
        c.stitch(new Line2D.Double(64 - hem + 2, hemY - 3, 64 + hem - 2, hemY - 3));
        c.seam(new Line2D.Double(64 - half * 0.5, bandBottom + 2, 64 - hem * 0.5, hemY - 5));
        c.seam(new Line2D.Double(64 + half * 0.5, bandBottom + 2, 64 + hem * 0.5, hemY - 5));
        // Step 2: details.
        if (spec.has("pockets")) {
            Shape pocket = new Rectangle2D.Double(64 - half * 0.5 - 9, 42, 10, 11);
            c.part(pocket);
            c.part(FlatCanvas.mirror(pocket));
        }
        if (spec.has("zip")) {
            c.zip(64, bandBottom, 64, bandBottom + 22);
        }
        if (spec.has("belt")) {
            beltLoops(c, half, top, bandBottom);
            c.belt(64 - half - 1, 64 + half + 1, (top + bandBottom) / 2, 5, 64);
        }
        if (spec.has("buttons")) {
            if (!spec.has("belt")) {
                c.button(64, (top + bandBottom) / 2, 1.6);
            }
            // With a zip the buttons run on below it (as on a dress): a skirt with zip, belt and buttons used to draw
            // no button at all, the belt hiding the waistband one.
            double from = spec.has("zip") ? bandBottom + 29 : bandBottom + 7;
            for (double y = from; y < hemY - 5; y += 9) {
                c.button(64, y, 1.6);
            }
        }
    }

    private static void trousers(FlatCanvas c) {
        FlatSpec spec = c.spec();
        Proportions p = c.proportions();
        double half = p.byShape2(20, 23);
        double hemOuter = p.byShape(19, 28);
        double hemInner = p.byShape(5, 2);
        double hemY = p.byShape2(112, 120);
        double top = 9;
        double bandBottom = 16;
        double crotchY = 50;
        // Step 1: both legs in one piece, then the waistband.
        c.part(FlatCanvas.poly(64 - half, bandBottom, 64 - hemOuter, hemY, 64 - hemInner, hemY, 64, crotchY,
                64 + hemInner, hemY, 64 + hemOuter, hemY, 64 + half, bandBottom));
        c.part(new Rectangle2D.Double(64 - half, top, 2 * half, bandBottom - top));
        // Step 2: the fly's J-stitch and the pressed creases that say "trousers".
        Path2D fly = new Path2D.Double();
        fly.moveTo(64 + 5, bandBottom);
        fly.lineTo(64 + 5, crotchY - 12);
        fly.quadTo(64 + 5, crotchY - 7, 64, crotchY - 6);
        c.stitch(fly);
        c.seam(new Line2D.Double(64 - 1, bandBottom, 64 - 1, crotchY - 4));
        double creaseTop = (64 - half + 64) / 2;
        c.seam(new Line2D.Double(creaseTop, bandBottom + 6, 64 - (hemOuter + hemInner) / 2, hemY - 2));
        c.seam(new Line2D.Double(128 - creaseTop, bandBottom + 6, 64 + (hemOuter + hemInner) / 2, hemY - 2));
        // Step 3: details.
        if (spec.has("zip")) {
            c.zip(64 + 2, bandBottom + 0.5, 64 + 2, crotchY - 9);
        }
        if (spec.has("buttons")) {
            for (double y = bandBottom + 5; y < crotchY - 8; y += 8) {
                c.button(64 + 8.5, y, 1.5);
            }
            if (!spec.has("belt")) {
                c.button(64 + 2, (top + bandBottom) / 2, 1.6);
            }
        }
        if (spec.has("pockets")) {
            Shape cargo = new Rectangle2D.Double(64 - half - 1, 60, 10, 13);
            c.part(cargo);
            c.seam(new Line2D.Double(64 - half - 1, 64, 64 - half + 9, 64));
            c.part(FlatCanvas.mirror(cargo));
            c.seam(FlatCanvas.mirror(new Line2D.Double(64 - half - 1, 64, 64 - half + 9, 64)));
        }
        if (spec.has("belt")) {
            beltLoops(c, half, top, bandBottom);
            c.belt(64 - half - 1, 64 + half + 1, (top + bandBottom) / 2, 5, 64 - 9);
        }
    }
}
