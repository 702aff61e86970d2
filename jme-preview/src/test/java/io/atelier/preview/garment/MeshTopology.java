package io.atelier.preview.garment;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/** Test helper: the topology of a mesh after welding coincident positions (seams are cuts in UV only). */
final class MeshTopology {
    private final Map<String, Integer> edgeUse = new HashMap<>();
    private final MeshData mesh;

    MeshTopology(MeshData mesh) {
        this.mesh = mesh;
        for (int t = 0; t < mesh.triangleCount(); t++) {
            int[] tri = mesh.triangle(t);
            for (int k = 0; k < 3; k++) {
                String a = mesh.weldKey(tri[k]);
                String b = mesh.weldKey(tri[(k + 1) % 3]);
                if (a.equals(b)) {
                    continue; // degenerate edge at a pole or cap centre
                }
                edgeUse.merge(a.compareTo(b) < 0 ? a + "|" + b : b + "|" + a, 1, Integer::sum);
            }
        }
    }

    /** Edges shared by more than two triangles: the cloth would be pinched. */
    long nonManifoldEdges() {
        return edgeUse.values().stream().filter(n -> n > 2).count();
    }

    /** Number of separate open edges (hem, neckline, cuff …): connected components of the boundary edges. */
    int boundaryLoops() {
        Map<String, String> parent = new HashMap<>();
        Set<String> vertices = new HashSet<>();
        for (Map.Entry<String, Integer> e : edgeUse.entrySet()) {
            if (e.getValue() == 1) {
                String[] ends = e.getKey().split("\\|");
                vertices.add(ends[0]);
                vertices.add(ends[1]);
                union(parent, ends[0], ends[1]);
            }
        }
        Set<String> roots = new HashSet<>();
        for (String v : vertices) {
            roots.add(find(parent, v));
        }
        return roots.size();
    }

    /** Signed volume by the divergence theorem: positive when the triangles wind outward. */
    double signedVolume() {
        double v = 0;
        for (int t = 0; t < mesh.triangleCount(); t++) {
            int[] tri = mesh.triangle(t);
            float[] a = mesh.position(tri[0]);
            float[] b = mesh.position(tri[1]);
            float[] c = mesh.position(tri[2]);
            v += (a[0] * (b[1] * c[2] - b[2] * c[1]) - a[1] * (b[0] * c[2] - b[2] * c[0]) + a[2] * (b[0] * c[1] - b[1] * c[0])) / 6.0;
        }
        return v;
    }

    private static String find(Map<String, String> parent, String v) {
        String p = parent.getOrDefault(v, v);
        if (p.equals(v)) {
            return v;
        }
        String root = find(parent, p);
        parent.put(v, root);
        return root;
    }

    private static void union(Map<String, String> parent, String a, String b) {
        String ra = find(parent, a);
        String rb = find(parent, b);
        if (!ra.equals(rb)) {
            parent.put(ra, rb);
        }
    }
}
