package io.atelier.preview.store;

import com.jme3.math.Vector3f;
import com.jme3.scene.Node;

import java.util.List;

/** The built boutique: its scene graph, its plan, and where its ceiling lamps hang (for the lighting state). */
public record StoreScene(Node root, StoreLayout layout, List<Vector3f> lampPositions) {
}
