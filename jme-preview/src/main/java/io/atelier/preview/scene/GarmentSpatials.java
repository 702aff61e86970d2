package io.atelier.preview.scene;

import com.jme3.material.Material;
import com.jme3.renderer.queue.RenderQueue;
import com.jme3.scene.Geometry;
import com.jme3.scene.Node;
import io.atelier.preview.garment.Fabric;
import io.atelier.preview.garment.GarmentBuilder;
import io.atelier.preview.garment.GarmentKind;
import io.atelier.preview.garment.GarmentModel;
import io.atelier.preview.garment.GarmentPiece;
import io.atelier.preview.garment.PieceRole;
import io.atelier.preview.texture.GarmentTextureComposer;
import io.atelier.preview.texture.NormalMapGenerator;

import java.awt.Color;
import java.awt.image.BufferedImage;

/** Turns a garment model, a flat and a fabric into a dressed jME node. */
public final class GarmentSpatials {
    /** Name of the cloth material's user data holding the fabric id (read back by the glTF exporter). */
    public static final String FABRIC_KEY = "atelier.fabric";
    /** Normal maps depend only on fabric and garment size: generated once per JVM, shared by every copy. */
    private static final java.util.Map<String, BufferedImage> NORMAL_MAPS = new java.util.concurrent.ConcurrentHashMap<>();
    private static final int NORMAL_MAP_HEIGHT = 1024;
    private final MaterialFactory materials;

    public GarmentSpatials(MaterialFactory materials) {
        this.materials = materials;
    }

    /**
     * @param flatOrNull the generated flat to print on the cloth; null gives the kind's house colour
     * @param atlasHeight texture resolution (the atlas is twice as wide)
     */
    public Node build(GarmentKind kind, BufferedImage flatOrNull, Fabric fabric, int atlasHeight) {
        GarmentModel model = GarmentBuilder.forKind(kind).build();
        BufferedImage albedo = flatOrNull == null
                ? GarmentTextureComposer.plain(houseColour(kind), 16)
                : GarmentTextureComposer.compose(flatOrNull, model, atlasHeight);
        BufferedImage normal = NORMAL_MAPS.computeIfAbsent(fabric.id() + "@" + model.projection().side(),
                k -> NormalMapGenerator.atlas(fabric, model.projection().side(), NORMAL_MAP_HEIGHT));
        Material cloth = materials.textured(albedo, normal, fabric.roughness(), fabric.metalness());
        cloth.setName(kind.id() + " " + fabric.id()); // named in a glTF export: Blender lists "dress silk"
        // Half-metallic: with no environment map to reflect, a fully metallic clasp would render black.
        Material metal = materials.solid(0xD8C089, 0.3f, 0.45f);
        metal.setName(kind.id() + " brass");
        Node node = new Node(kind.id());
        node.setUserData(FABRIC_KEY, fabric.id());
        for (GarmentPiece piece : model.pieces()) {
            Geometry g = new Geometry(kind.id() + " " + piece.name(), piece.mesh().toJmeMesh());
            g.setMaterial(piece.role() == PieceRole.HARDWARE ? metal : cloth);
            g.setShadowMode(RenderQueue.ShadowMode.CastAndReceive);
            node.attachChild(g);
        }
        return node;
    }

    /** Colours for garments shown without a flat: a store looks dressed even before anything is generated. */
    public static Color houseColour(GarmentKind kind) {
        return switch (kind) {
            case DRESS -> new Color(0x7A1F2B);
            case BIKER_JACKET -> new Color(0x1C1A1A);
            case TROUSERS -> new Color(0x2B3A55);
            case TSHIRT -> new Color(0xE8E4DA);
            case HANDBAG -> new Color(0x8A5A3B);
            case SKIRT -> new Color(0x3B2F4A);
            case SWEATSHIRT -> new Color(0x8C8C88);
            case BOMBER -> new Color(0x3E4A33);
        };
    }
}
