package io.atelier.preview.garment;

import java.util.List;

/** A garment ready to dress: its pieces in metres (standing on y = 0, front towards +z) and its UV projection. */
public record GarmentModel(GarmentKind kind, UvProjection projection, List<GarmentPiece> pieces) {

    /** Front-view silhouette bounds of the cloth, normalised into the projection square: {x0, y0, x1, y1}. */
    public float[] frontSilhouette() {
        float[] all = {Float.MAX_VALUE, Float.MAX_VALUE, -Float.MAX_VALUE, -Float.MAX_VALUE};
        for (GarmentPiece piece : pieces) {
            float[] b = piece.mesh().bounds();
            all[0] = Math.min(all[0], b[0]);
            all[1] = Math.min(all[1], b[1]);
            all[2] = Math.max(all[2], b[3]);
            all[3] = Math.max(all[3], b[4]);
        }
        return projection.normalised(all[0], all[1], all[2], all[3]);
    }
}
