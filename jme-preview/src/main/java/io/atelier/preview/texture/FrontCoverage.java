package io.atelier.preview.texture;

import io.atelier.preview.garment.GarmentModel;
import io.atelier.preview.garment.GarmentPiece;
import io.atelier.preview.garment.MeshData;
import io.atelier.preview.garment.Panel;
import io.atelier.preview.garment.PieceRole;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.Polygon;
import java.awt.image.BufferedImage;

/**
 * Where the garment's cloth lands on the front square of its texture atlas: its front-facing triangles filled in
 * UV space. Row by row, this is the silhouette a flat's garment is stretched onto, so that the flat's own pixels
 * cover the cloth seen from the front edge to edge and none of its paper does.
 */
final class FrontCoverage {
    private final boolean[][] covered;
    private final int top;
    private final int bottom;

    private FrontCoverage(boolean[][] covered) {
        this.covered = covered;
        int t = -1;
        int b = -1;
        for (int y = 0; y < covered.length; y++) {
            if (span(y) != null) {
                t = t < 0 ? y : t;
                b = y;
            }
        }
        this.top = t;
        this.bottom = b;
    }

    /** The coverage of a {@code height} x {@code height} front square. */
    static FrontCoverage of(GarmentModel garment, int height) {
        BufferedImage mask = new BufferedImage(height, height, BufferedImage.TYPE_BYTE_GRAY);
        Graphics2D g = mask.createGraphics();
        g.setColor(Color.WHITE);
        for (GarmentPiece piece : garment.pieces()) {
            if (piece.role() != PieceRole.CLOTH) {
                continue;
            }
            MeshData mesh = piece.mesh();
            for (int i = 0; i < mesh.triangleCount(); i++) {
                int[] t = mesh.triangle(i);
                if (mesh.panel(t[0]) != Panel.FRONT || mesh.panel(t[1]) != Panel.FRONT || mesh.panel(t[2]) != Panel.FRONT) {
                    continue;
                }
                Polygon p = new Polygon();
                for (int v : t) {
                    float[] uv = mesh.uv(v);
                    // The front panel spans u in [0, 0.5]; image rows run down while v runs up.
                    p.addPoint(Math.round((uv[0] - Panel.FRONT.u0()) / (Panel.FRONT.u1() - Panel.FRONT.u0()) * height),
                            Math.round((1f - uv[1]) * height));
                }
                g.fillPolygon(p);
                g.drawPolygon(p); // fill alone leaves hairline gaps between thin triangles
            }
        }
        g.dispose();
        boolean[][] covered = new boolean[height][height];
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < height; x++) {
                covered[y][x] = (mask.getRaster().getSample(x, y, 0)) != 0;
            }
        }
        return new FrontCoverage(covered);
    }

    boolean isEmpty() {
        return top < 0;
    }

    /** First covered row. */
    int top() {
        return top;
    }

    /** Last covered row. */
    int bottom() {
        return bottom;
    }

    /** {first, last} covered column of a row; null when the row shows no cloth. */
    int[] span(int y) {
        boolean[] row = covered[y];
        int first = -1;
        int last = -1;
        for (int x = 0; x < row.length; x++) {
            if (row[x]) {
                first = first < 0 ? x : first;
                last = x;
            }
        }
        return first < 0 ? null : new int[] {first, last};
    }

    boolean covers(int x, int y) {
        return covered[y][x];
    }
}
