package io.atelier.preview.garment;

import com.jme3.math.Vector3f;
import com.jme3.scene.Mesh;
import com.jme3.scene.VertexBuffer;
import com.jme3.util.BufferUtils;
import com.jme3.util.TangentBinormalGenerator;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A triangle mesh under construction, as plain arrays so that scene building is testable without GL.
 * Each vertex carries the {@link Panel} it was cut from; seams duplicate positions with different UVs.
 */
public final class MeshData {
    private final List<float[]> positions = new ArrayList<>();
    private final List<float[]> uvs = new ArrayList<>();
    private final List<Panel> panels = new ArrayList<>();
    private final List<int[]> triangles = new ArrayList<>();

    public int addVertex(float x, float y, float z, float u, float v, Panel panel) {
        positions.add(new float[] {x, y, z});
        uvs.add(new float[] {u, v});
        panels.add(panel);
        return positions.size() - 1;
    }

    /** Adds a triangle wound counter-clockwise when seen from outside. */
    public void addTriangle(int a, int b, int c) {
        triangles.add(new int[] {a, b, c});
    }

    /** Adds the quad a-b-c-d (counter-clockwise from outside) as two triangles. */
    public void addQuad(int a, int b, int c, int d) {
        addTriangle(a, b, c);
        addTriangle(a, c, d);
    }

    /** Appends another mesh, keeping its panels. */
    public void append(MeshData other) {
        int base = positions.size();
        for (int i = 0; i < other.vertexCount(); i++) {
            positions.add(other.positions.get(i).clone());
            uvs.add(other.uvs.get(i).clone());
            panels.add(other.panels.get(i));
        }
        for (int[] t : other.triangles) {
            triangles.add(new int[] {t[0] + base, t[1] + base, t[2] + base});
        }
    }

    public int vertexCount() { return positions.size(); }
    public int triangleCount() { return triangles.size(); }
    public float[] position(int i) { return positions.get(i); }
    public float[] uv(int i) { return uvs.get(i); }
    public Panel panel(int i) { return panels.get(i); }
    public int[] triangle(int i) { return triangles.get(i); }

    /** Axis-aligned bounds as {minX, minY, minZ, maxX, maxY, maxZ}. */
    public float[] bounds() {
        float[] b = {Float.MAX_VALUE, Float.MAX_VALUE, Float.MAX_VALUE, -Float.MAX_VALUE, -Float.MAX_VALUE, -Float.MAX_VALUE};
        for (float[] p : positions) {
            for (int k = 0; k < 3; k++) {
                b[k] = Math.min(b[k], p[k]);
                b[k + 3] = Math.max(b[k + 3], p[k]);
            }
        }
        return b;
    }

    /**
     * Smooth normals averaged over every vertex sharing a position, so seams between panels do not show as
     * creases (the UV split is a cut in the texture, not in the cloth).
     */
    public float[][] smoothNormals() {
        Map<String, Vector3f> sums = new HashMap<>();
        for (int[] t : triangles) {
            Vector3f a = vec(t[0]);
            Vector3f n = vec(t[1]).subtract(a).cross(vec(t[2]).subtract(a));
            for (int i : t) {
                sums.computeIfAbsent(weldKey(i), k -> new Vector3f()).addLocal(n);
            }
        }
        float[][] normals = new float[vertexCount()][];
        for (int i = 0; i < vertexCount(); i++) {
            Vector3f n = sums.getOrDefault(weldKey(i), new Vector3f(0, 1, 0)).normalize();
            normals[i] = new float[] {n.x, n.y, n.z};
        }
        return normals;
    }

    /** Position key at 0.1 mm: vertices closer than that are the same point of the cloth. */
    public String weldKey(int i) {
        float[] p = positions.get(i);
        return Math.round(p[0] * 10000) + ":" + Math.round(p[1] * 10000) + ":" + Math.round(p[2] * 10000);
    }

    /** Converts to a jME mesh with positions, smooth normals, UVs and tangents (for normal maps). */
    public Mesh toJmeMesh() {
        float[] pos = new float[vertexCount() * 3];
        float[] nor = new float[vertexCount() * 3];
        float[] tex = new float[vertexCount() * 2];
        float[][] normals = smoothNormals();
        for (int i = 0; i < vertexCount(); i++) {
            System.arraycopy(positions.get(i), 0, pos, i * 3, 3);
            System.arraycopy(normals[i], 0, nor, i * 3, 3);
            System.arraycopy(uvs.get(i), 0, tex, i * 2, 2);
        }
        int[] idx = new int[triangleCount() * 3];
        for (int i = 0; i < triangleCount(); i++) {
            System.arraycopy(triangles.get(i), 0, idx, i * 3, 3);
        }
        Mesh mesh = new Mesh();
        mesh.setBuffer(VertexBuffer.Type.Position, 3, BufferUtils.createFloatBuffer(pos));
        mesh.setBuffer(VertexBuffer.Type.Normal, 3, BufferUtils.createFloatBuffer(nor));
        mesh.setBuffer(VertexBuffer.Type.TexCoord, 2, BufferUtils.createFloatBuffer(tex));
        mesh.setBuffer(VertexBuffer.Type.Index, 3, BufferUtils.createIntBuffer(idx));
        mesh.updateBound();
        TangentBinormalGenerator.generate(mesh);
        return mesh;
    }

    private Vector3f vec(int i) {
        float[] p = positions.get(i);
        return new Vector3f(p[0], p[1], p[2]);
    }
}
