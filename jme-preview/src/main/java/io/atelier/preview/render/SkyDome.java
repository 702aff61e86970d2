package io.atelier.preview.render;

import com.jme3.asset.AssetManager;
import com.jme3.material.Material;
import com.jme3.material.RenderState;
import com.jme3.math.ColorRGBA;
import com.jme3.renderer.queue.RenderQueue;
import com.jme3.scene.Geometry;
import com.jme3.scene.VertexBuffer;
import com.jme3.scene.shape.Sphere;
import com.jme3.util.BufferUtils;

import java.nio.FloatBuffer;

/** A vertex-coloured sphere, horizon colour below and around, zenith colour overhead. Not exported to glTF. */
public final class SkyDome {
    public static final String NAME = "sky";

    private SkyDome() {
    }

    public static Geometry create(AssetManager assets, ColorRGBA zenith, ColorRGBA horizon) {
        Sphere sphere = new Sphere(24, 32, 400f);
        FloatBuffer positions = sphere.getFloatBuffer(VertexBuffer.Type.Position);
        int n = positions.limit() / 3;
        float[] colours = new float[n * 4];
        for (int i = 0; i < n; i++) {
            float y = positions.get(i * 3 + 2) / 400f; // the sphere's poles lie on z
            float t = (float) Math.pow(Math.max(0f, y), 0.6f);
            ColorRGBA c = new ColorRGBA().interpolateLocal(horizon, zenith, t);
            colours[i * 4] = c.r;
            colours[i * 4 + 1] = c.g;
            colours[i * 4 + 2] = c.b;
            colours[i * 4 + 3] = 1f;
        }
        sphere.setBuffer(VertexBuffer.Type.Color, 4, BufferUtils.createFloatBuffer(colours));
        Material m = new Material(assets, "Common/MatDefs/Misc/Unshaded.j3md");
        m.setBoolean("VertexColor", true);
        m.getAdditionalRenderState().setFaceCullMode(RenderState.FaceCullMode.Off);
        Geometry sky = new Geometry(NAME, sphere);
        sky.setMaterial(m);
        sky.rotate(-com.jme3.math.FastMath.HALF_PI, 0, 0); // poles onto y
        sky.setQueueBucket(RenderQueue.Bucket.Sky);
        sky.setCullHint(com.jme3.scene.Spatial.CullHint.Never);
        sky.setShadowMode(RenderQueue.ShadowMode.Off);
        return sky;
    }
}
