package io.atelier.preview.scene;

import com.jme3.material.Material;
import com.jme3.math.FastMath;
import com.jme3.math.Quaternion;
import com.jme3.math.Vector3f;
import com.jme3.renderer.queue.RenderQueue;
import com.jme3.scene.Geometry;
import com.jme3.scene.Node;
import com.jme3.scene.shape.Box;
import com.jme3.scene.shape.Cylinder;
import com.jme3.scene.shape.Quad;
import com.jme3.scene.shape.Sphere;
import com.jme3.util.TangentBinormalGenerator;

/** Small helpers that place primitive geometries, casting and receiving shadows by default. */
public final class Shapes {
    private Shapes() {
    }

    /** An axis-aligned box from (x0, y0, z0) to (x1, y1, z1). */
    public static Geometry box(Node parent, String name, Material m, float x0, float y0, float z0, float x1, float y1, float z1) {
        Box shape = new Box((x1 - x0) / 2f, (y1 - y0) / 2f, (z1 - z0) / 2f);
        Geometry g = attach(parent, new Geometry(name, shape), m);
        g.setLocalTranslation((x0 + x1) / 2f, (y0 + y1) / 2f, (z0 + z1) / 2f);
        return g;
    }

    /** A vertical cylinder standing on y0. */
    public static Geometry cylinder(Node parent, String name, Material m, float x, float y0, float z, float radius, float height) {
        Cylinder shape = new Cylinder(2, 24, radius, height, true);
        Geometry g = attach(parent, new Geometry(name, shape), m);
        g.setLocalRotation(new Quaternion().fromAngleAxis(FastMath.HALF_PI, Vector3f.UNIT_X));
        g.setLocalTranslation(x, y0 + height / 2f, z);
        return g;
    }

    /** A horizontal rod along x, centred at (x, y, z). */
    public static Geometry rodX(Node parent, String name, Material m, float x, float y, float z, float radius, float length) {
        Cylinder shape = new Cylinder(2, 12, radius, length, true);
        Geometry g = attach(parent, new Geometry(name, shape), m);
        g.setLocalRotation(new Quaternion().fromAngleAxis(FastMath.HALF_PI, Vector3f.UNIT_Y));
        g.setLocalTranslation(x, y, z);
        return g;
    }

    public static Geometry sphere(Node parent, String name, Material m, float x, float y, float z, float radius) {
        Geometry g = attach(parent, new Geometry(name, new Sphere(16, 24, radius)), m);
        g.setLocalTranslation(x, y, z);
        return g;
    }

    /** A picture plane of the given size facing +z, its lower-left corner at the origin of its node. */
    public static Geometry picture(Node parent, String name, Material m, float width, float height) {
        Quad quad = new Quad(width, height);
        TangentBinormalGenerator.generate(quad);
        Geometry g = attach(parent, new Geometry(name, quad), m);
        g.setShadowMode(RenderQueue.ShadowMode.Receive);
        return g;
    }

    private static Geometry attach(Node parent, Geometry g, Material m) {
        g.setMaterial(m);
        g.setShadowMode(RenderQueue.ShadowMode.CastAndReceive);
        parent.attachChild(g);
        return g;
    }
}
