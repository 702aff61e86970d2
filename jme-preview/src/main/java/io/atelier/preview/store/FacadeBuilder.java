package io.atelier.preview.store;

import com.jme3.material.Material;
import com.jme3.math.Vector2f;
import com.jme3.scene.Geometry;
import com.jme3.scene.Node;
import io.atelier.preview.scene.MaterialFactory;
import io.atelier.preview.scene.Shapes;
import io.atelier.preview.scene.SurfaceImages;

/** The street side: pavement and road, the shopfront with its window and door, the building above, neighbours. */
final class FacadeBuilder {
    private static final float BUILDING_HEIGHT = 8.5f;
    private static final float WALL = 0.3f;
    private final MaterialFactory materials;

    FacadeBuilder(MaterialFactory materials) {
        this.materials = materials;
    }

    Node build(StoreLayout layout, TimeOfDay time) {
        Node node = new Node("facade");
        StoreParams p = layout.params();
        float halfW = p.width() / 2f;
        float x0 = -halfW - WALL;
        float x1 = halfW + WALL;

        // Step 1: pavement, kerb and road.
        Material paving = materials.textured(SurfaceImages.paving(256), null, 0.85f, 0f);
        Material asphalt = materials.solid(0x3A3C40, 0.9f, 0f);
        Geometry pavement = Shapes.box(node, "pavement", paving, -40f, -0.12f, 0f, 40f, 0f, 4.2f);
        ((com.jme3.scene.shape.Box) pavement.getMesh()).scaleTextureCoordinates(new Vector2f(80f / 1.2f, 4.2f / 1.2f));
        Shapes.box(node, "kerb", materials.solid(0x9C978F, 0.8f, 0f), -40f, -0.12f, 4.2f, 40f, 0.02f, 4.4f);
        Shapes.box(node, "road", asphalt, -40f, -0.3f, 4.4f, 40f, -0.1f, 30f);

        // Step 2: the shopfront in dark lacquered metal, around the window and the door.
        Material frame = materials.solid(0x22252A, 0.35f, 0.6f);
        StoreLayout.Opening w = layout.window();
        StoreLayout.Opening d = layout.door();
        float fz0 = -WALL;
        float fz1 = 0.02f;
        float shopTop = p.ceiling() + 0.5f;
        Shapes.box(node, "pier left", frame, x0, 0f, fz0, w.minX(), shopTop, fz1);
        Shapes.box(node, "pier middle", frame, w.maxX(), 0f, fz0, d.minX(), shopTop, fz1);
        Shapes.box(node, "pier right", frame, d.maxX(), 0f, fz0, x1, shopTop, fz1);
        Shapes.box(node, "stall riser", frame, w.minX(), 0f, fz0, w.maxX(), w.minY(), fz1);
        Shapes.box(node, "transom", frame, w.minX(), w.maxY(), fz0, d.maxX(), shopTop, fz1);
        Shapes.box(node, "door head", frame, d.minX(), d.maxY(), fz0, d.maxX(), w.maxY(), fz1);
        // The fascia carries the (unbranded) sign: a brass band, lit from within at night.
        Material sign = time == TimeOfDay.NIGHT ? materials.glowing(0xE8C27A, 1.4f) : materials.solid(0xB8975A, 0.3f, 1f);
        float signY = (w.maxY() + shopTop) / 2f;
        Shapes.box(node, "sign", sign, w.minX() + 0.6f, signY - 0.06f, fz1, w.minX() + 0.6f + (w.maxX() - w.minX()) * 0.45f,
                signY + 0.06f, fz1 + 0.03f);

        // Step 3: glass in the window and the door.
        Geometry glass = Shapes.box(node, "window glass", materials.glass(), w.minX(), w.minY(), -0.06f, w.maxX(), w.maxY(), -0.04f);
        MaterialFactory.markTransparent(glass);
        Geometry doorGlass = Shapes.box(node, "door glass", materials.glass(), d.minX() + 0.06f, 0.08f, -0.06f,
                d.maxX() - 0.06f, d.maxY() - 0.04f, -0.04f);
        MaterialFactory.markTransparent(doorGlass);
        Shapes.box(node, "door handle", materials.solid(0xC9B27C, 0.25f, 1f), d.maxX() - 0.2f, 0.8f, 0.0f,
                d.maxX() - 0.17f, 1.5f, 0.04f);

        // Step 4: the building above in stone, with dark upper windows.
        Material stone = materials.textured(SurfaceImages.stone(256), null, 0.8f, 0f);
        Geometry upper = Shapes.box(node, "upper facade", stone, x0, shopTop, fz0, x1, BUILDING_HEIGHT, fz1);
        ((com.jme3.scene.shape.Box) upper.getMesh()).scaleTextureCoordinates(new Vector2f(p.width() / 2.5f, 2f));
        Material upperWindow = time == TimeOfDay.NIGHT ? materials.glowing(0x3A3020, 1f) : materials.solid(0x2E3440, 0.15f, 0.2f);
        int bays = Math.max(2, Math.round(p.width() / 2.5f));
        for (int i = 0; i < bays; i++) {
            float cx = x0 + (i + 0.5f) * (x1 - x0) / bays;
            Shapes.box(node, "upper window " + i, upperWindow, cx - 0.55f, shopTop + 1.1f, fz1, cx + 0.55f, shopTop + 2.9f, fz1 + 0.02f);
            Shapes.box(node, "cornice " + i, stone, cx - 0.7f, shopTop + 2.9f, fz1, cx + 0.7f, shopTop + 3.05f, fz1 + 0.12f);
        }
        Shapes.box(node, "cornice", stone, x0, BUILDING_HEIGHT - 0.3f, fz0, x1, BUILDING_HEIGHT, 0.25f);

        // Step 5: neighbours, so the shop sits in a street rather than in a void.
        Shapes.box(node, "neighbour left", materials.solid(0xC4B39A, 0.85f, 0f), x0 - 9f, 0f, -6f, x0, 10f, 0.05f);
        Shapes.box(node, "neighbour right", materials.solid(0xA9A59E, 0.85f, 0f), x1, 0f, -6f, x1 + 9f, 9f, 0.05f);
        Material neighbourShop = materials.solid(0x2A2D31, 0.2f, 0.3f);
        Shapes.box(node, "neighbour left window", neighbourShop, x0 - 7.5f, 0.5f, 0.05f, x0 - 1.2f, 3.0f, 0.1f);
        Shapes.box(node, "neighbour right window", neighbourShop, x1 + 1.2f, 0.5f, 0.05f, x1 + 7.5f, 3.0f, 0.1f);
        return node;
    }
}
