package io.atelier.preview.garment;

import java.util.List;

/** An A-line skirt from a fitted waistband to just above the knee. */
final class SkirtBuilder implements GarmentBuilder {
    private static final UvProjection PROJECTION = UvProjection.centred(0.45f, 0.62f);

    @Override
    public GarmentModel build() {
        Loft loft = new Loft(PROJECTION, 24);
        // Hem to waistband, bottom up: flared at the hem, over the hips, fitted at the waist.
        List<Ring> rings = List.of(
                Ring.at(0, 0.52f, 0.00f, 0.30f, 0.24f),
                Ring.at(0, 0.64f, 0.00f, 0.255f, 0.20f),
                Ring.at(0, 0.78f, 0.00f, 0.215f, 0.16f),
                Ring.at(0, 0.88f, 0.00f, 0.19f, 0.135f),
                Ring.at(0, 0.96f, 0.00f, 0.16f, 0.11f),
                Ring.at(0, 1.02f, 0.00f, 0.145f, 0.10f));
        return new GarmentModel(GarmentKind.SKIRT, PROJECTION,
                List.of(new GarmentPiece("body", loft.tube(rings, false, false), PieceRole.CLOTH, 2)));
    }
}
