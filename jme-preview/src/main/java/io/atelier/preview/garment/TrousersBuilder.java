package io.atelier.preview.garment;

import java.util.ArrayList;
import java.util.List;

/** Straight-leg trousers: a seat piece from waistband to crotch and two legs set into it. */
final class TrousersBuilder implements GarmentBuilder {
    private static final UvProjection PROJECTION = UvProjection.centred(0.0f, 1.1f);

    @Override
    public GarmentModel build() {
        Loft loft = new Loft(PROJECTION, 16);
        List<Ring> seat = List.of(
                Ring.at(0, 0.74f, 0, 0.195f, 0.115f),
                Ring.at(0, 0.84f, 0, 0.195f, 0.13f),
                Ring.at(0, 0.93f, 0, 0.18f, 0.125f),
                Ring.at(0, 1.02f, 0, 0.165f, 0.11f));
        List<GarmentPiece> pieces = new ArrayList<>();
        pieces.add(new GarmentPiece("seat", loft.tube(seat, false, false), PieceRole.CLOTH, 2));
        for (int side : new int[] {-1, 1}) {
            float s = side;
            List<Ring> leg = List.of(
                    Ring.at(s * 0.10f, 0.06f, 0, 0.068f, 0.07f),
                    Ring.at(s * 0.098f, 0.30f, 0, 0.07f, 0.072f),
                    Ring.at(s * 0.095f, 0.50f, 0, 0.078f, 0.08f),
                    Ring.at(s * 0.095f, 0.68f, 0, 0.092f, 0.095f),
                    Ring.at(s * 0.095f, 0.80f, 0, 0.098f, 0.10f));
            pieces.add(new GarmentPiece(side < 0 ? "right leg" : "left leg", loft.tube(leg, false, false),
                    PieceRole.CLOTH, 2));
        }
        return new GarmentModel(GarmentKind.TROUSERS, PROJECTION, pieces);
    }
}
