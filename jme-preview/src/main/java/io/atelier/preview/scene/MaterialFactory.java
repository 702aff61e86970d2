package io.atelier.preview.scene;

import com.jme3.asset.AssetManager;
import com.jme3.material.Material;
import com.jme3.material.RenderState;
import com.jme3.math.ColorRGBA;
import com.jme3.renderer.queue.RenderQueue;

import java.awt.image.BufferedImage;

/**
 * Every material of the preview is PBR metallic-roughness (Common/MatDefs/Light/PBRLighting.j3md), the model
 * glTF 2.0 carries, so what we render is what Blender receives. Colours are given in sRGB as designers pick them.
 */
public final class MaterialFactory {
    private static final String PBR = "Common/MatDefs/Light/PBRLighting.j3md";
    private final AssetManager assets;

    public MaterialFactory(AssetManager assets) {
        this.assets = assets;
    }

    public Material solid(int srgb, float roughness, float metallic) {
        Material m = new Material(assets, PBR);
        m.setColor("BaseColor", srgb(srgb));
        m.setFloat("Roughness", roughness);
        m.setFloat("Metallic", metallic);
        return m;
    }

    /** A surface carrying a generated image (mural, poster, flat on cloth), optionally with a normal map. */
    public Material textured(BufferedImage albedo, BufferedImage normalMapOrNull, float roughness, float metallic) {
        Material m = solid(0xFFFFFF, roughness, metallic);
        m.setTexture("BaseColorMap", Textures.colour(albedo));
        if (normalMapOrNull != null) {
            m.setTexture("NormalMap", Textures.data(normalMapOrNull));
        }
        return m;
    }

    /** Self-lit surfaces: light panels, signage, lit displays at night. */
    public Material glowing(int srgb, float strength) {
        Material m = solid(srgb, 0.9f, 0f);
        ColorRGBA glow = srgb(srgb).mult(strength);
        glow.a = 1f;
        m.setColor("Emissive", glow);
        m.setFloat("EmissivePower", 1f);
        m.setFloat("EmissiveIntensity", 1f);
        return m;
    }

    /** Shop glass: faint tint, glossy, blended; does not cast shadows. */
    public Material glass() {
        Material m = solid(0xB8CCD0, 0.05f, 0f);
        m.getAdditionalRenderState().setBlendMode(RenderState.BlendMode.Alpha);
        m.setColor("BaseColor", srgb(0xB8CCD0).setAlpha(0.18f));
        return m;
    }

    public static void markTransparent(com.jme3.scene.Spatial spatial) {
        spatial.setQueueBucket(RenderQueue.Bucket.Transparent);
        spatial.setShadowMode(RenderQueue.ShadowMode.Off);
    }

    /** sRGB 0xRRGGBB to jME's linear colour. */
    public static ColorRGBA srgb(int rgb) {
        ColorRGBA c = new ColorRGBA();
        c.setAsSrgb(((rgb >> 16) & 0xFF) / 255f, ((rgb >> 8) & 0xFF) / 255f, (rgb & 0xFF) / 255f, 1f);
        return c;
    }
}
