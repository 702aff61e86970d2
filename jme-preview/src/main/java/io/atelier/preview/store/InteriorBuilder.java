package io.atelier.preview.store;

import com.jme3.material.Material;
import com.jme3.math.Vector2f;
import com.jme3.math.Vector3f;
import com.jme3.renderer.queue.RenderQueue;
import com.jme3.scene.Geometry;
import com.jme3.scene.Node;
import com.jme3.scene.shape.Box;
import io.atelier.preview.scene.MaterialFactory;
import io.atelier.preview.scene.Shapes;
import io.atelier.preview.scene.SurfaceImages;

import java.awt.image.BufferedImage;
import java.util.List;

/** The room: oak floor, plaster walls, ceiling with recessed lamps, and the mural on the back wall. */
final class InteriorBuilder {
    private static final float WALL = 0.25f;
    private final MaterialFactory materials;

    InteriorBuilder(MaterialFactory materials) {
        this.materials = materials;
    }

    Node build(StoreLayout layout, StoreImages images, TimeOfDay time, List<Vector3f> lamps) {
        Node node = new Node("interior");
        StoreParams p = layout.params();
        float halfW = p.width() / 2f;
        float back = -p.depth();

        // Step 1: shell. The floor is oak planks at their real size (boards 0.18 m wide).
        Material oak = materials.textured(SurfaceImages.oakPlanks(512), null, 0.55f, 0f);
        Geometry floor = Shapes.box(node, "floor", oak, -halfW, -0.05f, back, halfW, 0.0f, -0.1f);
        ((Box) floor.getMesh()).scaleTextureCoordinates(new Vector2f(p.width() / 1.44f, p.depth() / 1.44f));
        floor.setShadowMode(RenderQueue.ShadowMode.Receive);
        Material plaster = materials.solid(0xECE6DC, 0.9f, 0f);
        Shapes.box(node, "wall left", plaster, -halfW - WALL, 0f, back - WALL, -halfW, p.ceiling(), -0.1f);
        Shapes.box(node, "wall right", plaster, halfW, 0f, back - WALL, halfW + WALL, p.ceiling(), -0.1f);
        Shapes.box(node, "wall back", materials.solid(0xD9CFC2, 0.9f, 0f), -halfW, 0f, back - WALL, halfW, p.ceiling(), back);
        // The ceiling glows faintly: it stands in for the light the floor and walls bounce up to it.
        Shapes.box(node, "ceiling", materials.glowing(0xF4F1EC, 0.10f + 0.05f * time.interior()), -halfW - WALL, p.ceiling(), back - WALL,
                halfW + WALL, p.ceiling() + 0.2f, -0.1f);
        Material skirting = materials.solid(0x2A2724, 0.5f, 0f);
        Shapes.box(node, "skirting back", skirting, -halfW, 0f, back, halfW, 0.1f, back + 0.015f);

        // Step 2: recessed lamps in a grid; the lighting state puts a point light under each.
        Material lampGlow = materials.glowing(0xFFF1D6, 0.4f + time.interior());
        int across = Math.max(2, Math.round(p.width() / 3.2f));
        int deep = Math.max(2, Math.round(p.depth() / 2.8f));
        for (int i = 0; i < across; i++) {
            for (int j = 0; j < deep; j++) {
                float x = -halfW + (i + 0.5f) * p.width() / across;
                float z = back + (j + 0.5f) * (p.depth() - 0.5f) / deep;
                Geometry lamp = Shapes.cylinder(node, "lamp " + i + "," + j, lampGlow, x, p.ceiling() - 0.01f, z, 0.09f, 0.01f);
                lamp.setShadowMode(RenderQueue.ShadowMode.Off);
                lamps.add(new Vector3f(x, p.ceiling() - 0.25f, z));
            }
        }

        // Step 3: the mural, a framed generated image across the back wall (landscape framing, centred).
        BufferedImage art = images.mural() != null ? images.mural() : SurfaceImages.placeholderArt(640, 400);
        float muralW = Math.min(p.width() * 0.5f, 4.2f);
        float muralH = Math.min(muralW * art.getHeight() / art.getWidth(), p.ceiling() - 1.3f);
        muralW = muralH * art.getWidth() / art.getHeight();
        float muralY = 0.95f + (p.ceiling() - 0.95f - muralH) / 2f;
        Shapes.box(node, "mural frame", materials.solid(0x1E1C1A, 0.4f, 0.2f), -muralW / 2 - 0.05f, muralY - 0.05f, back,
                muralW / 2 + 0.05f, muralY + muralH + 0.05f, back + 0.03f);
        Node mural = new Node("mural");
        Shapes.picture(mural, "mural image", materials.textured(art, null, 0.7f, 0f), muralW, muralH);
        mural.setLocalTranslation(-muralW / 2f, muralY, back + 0.035f);
        node.attachChild(mural);

        // Step 4: the window display's backdrop, a hanging poster behind the plinth.
        BufferedImage poster = images.windowDisplay() != null ? images.windowDisplay() : SurfaceImages.placeholderArt(400, 560);
        StoreLayout.Opening w = layout.window();
        float posterH = Math.min(1.9f, w.maxY() - w.minY() - 0.2f);
        float posterW = posterH * poster.getWidth() / poster.getHeight();
        float posterX = w.minX() + 0.35f;
        float posterZ = -layout.windowDisplayDepth();
        Shapes.box(node, "poster backing", materials.solid(0xF2EEE8, 0.8f, 0f), posterX - 0.04f, 0.75f, posterZ - 0.04f,
                posterX + posterW + 0.04f, 0.79f + posterH, posterZ);
        Node posterNode = new Node("window display");
        Shapes.picture(posterNode, "window display image", materials.textured(poster, null, 0.6f, 0f), posterW, posterH);
        posterNode.setLocalTranslation(posterX, 0.77f, posterZ + 0.002f);
        node.attachChild(posterNode);
        Material cable = materials.solid(0x222222, 0.4f, 0.8f);
        Shapes.box(node, "poster cable l", cable, posterX + 0.05f, 0.79f + posterH, posterZ - 0.021f, posterX + 0.058f, p.ceiling(), posterZ - 0.013f);
        Shapes.box(node, "poster cable r", cable, posterX + posterW - 0.058f, 0.79f + posterH, posterZ - 0.021f, posterX + posterW - 0.05f, p.ceiling(), posterZ - 0.013f);
        return node;
    }
}
