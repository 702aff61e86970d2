package io.atelier.preview.garment;

import java.util.ArrayList;
import java.util.List;

/**
 * Tops: a short-sleeved t-shirt, a long-sleeved sweatshirt to the hip, a bomber gathered at the waist, or a cropped
 * biker jacket with a high collar and an asymmetric zip.
 */
final class TopBuilder implements GarmentBuilder {
    enum Style {
        TSHIRT(GarmentKind.TSHIRT, 0.86f, 0f, false, false, false),
        SWEATSHIRT(GarmentKind.SWEATSHIRT, 0.84f, 0.012f, true, false, false),
        BOMBER(GarmentKind.BOMBER, 0.95f, 0.025f, true, true, false),
        BIKER_JACKET(GarmentKind.BIKER_JACKET, 0.98f, 0.02f, true, true, true);

        final GarmentKind kind;
        final float hem;
        /** How far the piece stands off the body: a jacket sits over other clothes. */
        final float ease;
        final boolean longSleeves;
        final boolean collar;
        final boolean zip;

        Style(GarmentKind kind, float hem, float ease, boolean longSleeves, boolean collar, boolean zip) {
            this.kind = kind;
            this.hem = hem;
            this.ease = ease;
            this.longSleeves = longSleeves;
            this.collar = collar;
            this.zip = zip;
        }
    }

    private static final UvProjection PROJECTION = UvProjection.centred(0.78f, 0.78f);
    private final Style style;

    TopBuilder(Style style) {
        this.style = style;
    }

    @Override
    public GarmentModel build() {
        Loft loft = new Loft(PROJECTION, 20);
        float hem = style.hem;
        float ease = style.ease;
        List<Ring> body = new ArrayList<>(List.of(
                Ring.at(0, hem, 0, 0.20f + ease, 0.125f + ease),
                Ring.at(0, 1.06f, 0, 0.19f + ease, 0.12f + ease),
                Ring.at(0, 1.20f, 0.01f, 0.195f + ease, 0.13f + ease),
                Ring.at(0, 1.33f, 0, 0.20f + ease, 0.115f + ease),
                Ring.at(0, 1.40f, 0, 0.18f + ease, 0.095f + ease),
                Ring.at(0, 1.445f, 0, 0.11f + ease, 0.075f + ease),
                Ring.at(0, 1.465f, 0, 0.08f + ease, 0.068f + ease)));
        if (style.collar) {
            body.add(Ring.at(0, 1.53f, 0, 0.085f, 0.075f)); // stand-up collar
        }
        List<GarmentPiece> pieces = new ArrayList<>();
        pieces.add(new GarmentPiece("body", loft.tube(body, false, false), PieceRole.CLOTH, 2));
        for (int side : new int[] {-1, 1}) {
            pieces.add(new GarmentPiece(side < 0 ? "right sleeve" : "left sleeve",
                    loft.tube(sleeve(side, style.longSleeves, ease), false, false), PieceRole.CLOTH, 2));
        }
        if (style.zip) {
            pieces.add(new GarmentPiece("zip", zip(loft), PieceRole.HARDWARE, 0));
        }
        return new GarmentModel(style.kind, PROJECTION, pieces);
    }

    /** A sleeve set into the shoulder (its inner end hidden inside the body) and falling to cuff or mid-arm. */
    private static List<Ring> sleeve(int side, boolean longSleeve, float ease) {
        float s = side;
        List<Ring> rings = new ArrayList<>();
        rings.add(Ring.at(s * 0.12f, 1.37f, 0, 0.07f + ease, 0.07f + ease));
        rings.add(Ring.at(s * 0.20f, 1.33f, 0, 0.072f + ease, 0.07f + ease));
        if (longSleeve) {
            rings.add(Ring.at(s * 0.255f, 1.15f, 0, 0.060f + ease, 0.058f + ease));
            rings.add(Ring.at(s * 0.29f, 0.98f, 0.01f, 0.050f + ease, 0.050f + ease));
            rings.add(Ring.at(s * 0.305f, 0.86f, 0.02f, 0.045f + ease, 0.045f + ease));
        } else {
            rings.add(Ring.at(s * 0.27f, 1.22f, 0, 0.068f, 0.066f));
        }
        return rings;
    }

    /** An asymmetric zip running from hem to collar, standing slightly proud of the front panel. */
    private static MeshData zip(Loft loft) {
        List<Ring> rings = new ArrayList<>();
        float[][] path = {{0.06f, 1.00f, 0.152f}, {0.05f, 1.20f, 0.163f}, {0.0f, 1.36f, 0.14f}, {-0.04f, 1.44f, 0.10f}};
        for (float[] p : path) {
            rings.add(Ring.at(p[0], p[1], p[2], 0.006f, 0.004f));
        }
        return loft.tube(rings, true, true);
    }
}
