package io.atelier.preview.garment;

import java.util.List;

/** A sleeveless A-line dress from neckline to knee, fitted at the waist. */
final class DressBuilder implements GarmentBuilder {
    private static final UvProjection PROJECTION = UvProjection.centred(0.45f, 1.10f);

    @Override
    public GarmentModel build() {
        Loft loft = new Loft(PROJECTION, 24);
        // Hem to neckline, bottom up: the skirt flares out, the bodice follows a dress form.
        List<Ring> rings = List.of(
                Ring.at(0, 0.50f, 0.00f, 0.34f, 0.27f),
                Ring.at(0, 0.62f, 0.00f, 0.29f, 0.23f),
                Ring.at(0, 0.76f, 0.00f, 0.22f, 0.17f),
                Ring.at(0, 0.90f, 0.00f, 0.175f, 0.130f),
                Ring.at(0, 1.00f, 0.00f, 0.140f, 0.100f),
                Ring.at(0, 1.06f, 0.00f, 0.132f, 0.095f),
                Ring.at(0, 1.16f, 0.01f, 0.150f, 0.110f),
                Ring.at(0, 1.26f, 0.01f, 0.168f, 0.122f),
                Ring.at(0, 1.35f, 0.00f, 0.180f, 0.105f),
                Ring.at(0, 1.41f, 0.00f, 0.165f, 0.090f),
                Ring.at(0, 1.45f, 0.00f, 0.110f, 0.075f),
                Ring.at(0, 1.47f, 0.00f, 0.078f, 0.065f));
        MeshData body = loft.tube(rings, false, false);
        return new GarmentModel(GarmentKind.DRESS, PROJECTION,
                List.of(new GarmentPiece("body", body, PieceRole.CLOTH, 2)));
    }
}
