package io.atelier.preview.garment;

import com.jme3.math.FastMath;
import com.jme3.math.Vector3f;

import java.util.List;

/**
 * Sews a tube of cloth through a list of {@link Ring}s: the half facing +z becomes the {@link Panel#FRONT}
 * piece, the other half the {@link Panel#BACK} piece, joined along two side seams that share positions
 * exactly (so the tube is closed around its circumference). UVs come from the garment's planar
 * {@link UvProjection}, which is what lets a front-view flat land on the front panel where it belongs.
 */
public final class Loft {
    private final UvProjection projection;
    private final int segmentsPerHalf;

    public Loft(UvProjection projection, int segmentsPerHalf) {
        this.projection = projection;
        this.segmentsPerHalf = segmentsPerHalf;
    }

    /**
     * Builds the tube. Consecutive rings must progress along the piece; the side axis of each ring is
     * perpendicular to the spine and to +z, so every ring keeps its front towards the viewer.
     *
     * @param capStart close the first ring with a fan (a bag's bottom)
     * @param capEnd close the last ring with a fan (a bag's top)
     */
    public MeshData tube(List<Ring> rings, boolean capStart, boolean capEnd) {
        if (rings.size() < 2) {
            throw new IllegalArgumentException("a loft needs at least two rings");
        }
        MeshData mesh = new MeshData();
        int n = segmentsPerHalf;
        int[][] front = new int[rings.size()][n + 1];
        int[][] back = new int[rings.size()][n + 1];
        for (int r = 0; r < rings.size(); r++) {
            Ring ring = rings.get(r);
            Vector3f side = sideAxis(rings, r);
            for (int k = 0; k <= n; k++) {
                // Step 1: the front half runs from the left seam (angle pi) to the right seam (angle 0) ...
                Vector3f pf = ring.point(FastMath.PI - FastMath.PI * k / n, side);
                front[r][k] = addProjected(mesh, pf, Panel.FRONT);
                // ... and the back half continues from the right seam round to the left one (angle -pi).
                Vector3f pb = ring.point(-FastMath.PI * k / n, side);
                back[r][k] = addProjected(mesh, pb, Panel.BACK);
            }
        }
        // Step 2: stitch consecutive rings; the winding is counter-clockwise seen from outside.
        for (int r = 0; r + 1 < rings.size(); r++) {
            for (int k = 0; k < n; k++) {
                mesh.addQuad(front[r][k], front[r][k + 1], front[r + 1][k + 1], front[r + 1][k]);
                mesh.addQuad(back[r][k], back[r][k + 1], back[r + 1][k + 1], back[r + 1][k]);
            }
        }
        // Step 3: optional caps, cut from the back panel (a bag's base and top are not on the flat's front).
        if (capStart) {
            cap(mesh, rings.get(0), front[0], back[0], false);
        }
        if (capEnd) {
            int last = rings.size() - 1;
            cap(mesh, rings.get(last), front[last], back[last], true);
        }
        return mesh;
    }

    private void cap(MeshData mesh, Ring ring, int[] front, int[] back, boolean end) {
        Vector3f c = ring.centre();
        int centre = mesh.addVertex(c.x, c.y, c.z, projection.capU(c.x), projection.capV(c.z), Panel.BACK);
        int[][] halves = {front, back};
        for (int[] half : halves) {
            for (int k = 0; k + 1 < half.length; k++) {
                int a = capVertex(mesh, half[k]);
                int b = capVertex(mesh, half[k + 1]);
                // The start cap faces back along the spine, the end cap forward along it.
                if (end) {
                    mesh.addTriangle(centre, a, b);
                } else {
                    mesh.addTriangle(centre, b, a);
                }
            }
        }
    }

    /** A cap needs its own copy of the rim vertex so its UVs can come from the top-down projection. */
    private int capVertex(MeshData mesh, int rim) {
        float[] p = mesh.position(rim);
        return mesh.addVertex(p[0], p[1], p[2], projection.capU(p[0]), projection.capV(p[2]), Panel.BACK);
    }

    private int addProjected(MeshData mesh, Vector3f p, Panel panel) {
        return mesh.addVertex(p.x, p.y, p.z, projection.u(p.x, panel), projection.v(p.y, panel), panel);
    }

    /** Side axis = spine direction x +z: for a vertical spine this is +x, keeping the winding outward. */
    private static Vector3f sideAxis(List<Ring> rings, int r) {
        int last = rings.size() - 1;
        // A closed path (a strap loop) wraps round, so its first and last rings get the same axis and weld.
        boolean loop = rings.get(0).centre().distance(rings.get(last).centre()) < 1e-6f;
        int before = r > 0 ? r - 1 : (loop ? last - 1 : 0);
        int after = r < last ? r + 1 : (loop ? 1 : last);
        Vector3f from = rings.get(before).centre();
        Vector3f to = rings.get(after).centre();
        Vector3f spine = to.subtract(from);
        spine.z = 0;
        spine.normalizeLocal();
        return spine.cross(Vector3f.UNIT_Z).normalizeLocal();
    }
}
