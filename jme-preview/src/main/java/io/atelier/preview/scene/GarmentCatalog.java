package io.atelier.preview.scene;

import com.jme3.scene.Node;
import io.atelier.preview.garment.GarmentKind;

import java.awt.image.BufferedImage;
import java.util.IdentityHashMap;
import java.util.Map;

/**
 * Dresses many garments from few flats: each (flat, kind) pair is sewn and textured once, later copies share
 * mesh and material, which keeps a stocked store fast to build and cheap to draw.
 */
public final class GarmentCatalog {
    private final GarmentSpatials spatials;
    private final int atlasHeight;
    private final Map<BufferedImage, Map<GarmentKind, Node>> withFlat = new IdentityHashMap<>();
    private final Map<GarmentKind, Node> plain = new java.util.EnumMap<>(GarmentKind.class);

    public GarmentCatalog(GarmentSpatials spatials, int atlasHeight) {
        this.spatials = spatials;
        this.atlasHeight = atlasHeight;
    }

    public Node garment(GarmentKind kind, BufferedImage flatOrNull) {
        Map<GarmentKind, Node> byKind = flatOrNull == null ? plain : withFlat.computeIfAbsent(flatOrNull, f -> new java.util.EnumMap<>(GarmentKind.class));
        Node original = byKind.computeIfAbsent(kind, k -> spatials.build(k, flatOrNull, k.defaultFabric(), atlasHeight));
        return (Node) original.clone(false);
    }
}
