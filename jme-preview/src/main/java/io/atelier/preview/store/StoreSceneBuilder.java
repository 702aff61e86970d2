package io.atelier.preview.store;

import com.jme3.asset.AssetManager;
import com.jme3.math.Vector3f;
import com.jme3.scene.Node;
import io.atelier.preview.scene.MaterialFactory;

import java.util.ArrayList;
import java.util.List;

/** Builds the boutique's scene graph from its parameters and the generated images. */
public final class StoreSceneBuilder {
    private final MaterialFactory materials;
    private final AssetManager assets;

    public StoreSceneBuilder(AssetManager assets) {
        this.assets = assets;
        this.materials = new MaterialFactory(assets);
    }

    public StoreScene build(StoreParams params, StoreImages images, TimeOfDay time) {
        StoreLayout layout = StoreLayout.plan(params);
        Node root = new Node("store");
        // Step 1: street, façade and neighbours.
        root.attachChild(new FacadeBuilder(materials).build(layout, time));
        // Step 2: the room: floor, walls, ceiling with its lamps, the mural.
        List<Vector3f> lamps = new ArrayList<>();
        root.attachChild(new InteriorBuilder(materials).build(layout, images, time, lamps));
        // Step 3: fixtures dressed with garments.
        root.attachChild(new FixtureBuilder(materials).build(layout, images));
        return new StoreScene(root, layout, List.copyOf(lamps));
    }

    public AssetManager assets() {
        return assets;
    }
}
