package io.atelier.preview.garment;

import com.jme3.math.FastMath;

import java.util.ArrayList;
import java.util.List;

/** A structured tote: a closed box-like body, a looped strap and a metal clasp. */
final class HandbagBuilder implements GarmentBuilder {
    private static final UvProjection PROJECTION = UvProjection.centred(-0.03f, 0.50f);

    @Override
    public GarmentModel build() {
        Loft loft = new Loft(PROJECTION, 16);
        List<Ring> body = List.of(
                Ring.at(0, 0.000f, 0, 0.170f, 0.060f).squared(0.25f),
                Ring.at(0, 0.010f, 0, 0.175f, 0.065f).squared(0.25f),
                Ring.at(0, 0.120f, 0, 0.165f, 0.062f).squared(0.25f),
                Ring.at(0, 0.230f, 0, 0.150f, 0.055f).squared(0.25f),
                Ring.at(0, 0.240f, 0, 0.145f, 0.050f).squared(0.25f));
        // The strap is a closed loop whose lower half runs hidden inside the body.
        List<Ring> strap = new ArrayList<>();
        int steps = 24;
        for (int i = 0; i < steps; i++) {
            float t = FastMath.TWO_PI * i / steps;
            strap.add(Ring.at(0.10f * FastMath.cos(t), 0.20f + 0.22f * FastMath.sin(t), 0, 0.012f, 0.010f));
        }
        strap.add(strap.get(0));
        List<Ring> clasp = List.of(
                Ring.at(0, 0.17f, 0.058f, 0.028f, 0.008f).squared(0.3f),
                Ring.at(0, 0.21f, 0.054f, 0.028f, 0.008f).squared(0.3f));
        return new GarmentModel(GarmentKind.HANDBAG, PROJECTION, List.of(
                new GarmentPiece("body", loft.tube(body, true, true), PieceRole.CLOTH, 0),
                new GarmentPiece("strap", loft.tube(strap, false, false), PieceRole.CLOTH, 0),
                new GarmentPiece("clasp", loft.tube(clasp, true, true), PieceRole.HARDWARE, 0)));
    }
}
