package io.atelier.preview.render;

import com.jme3.scene.Node;

import java.util.List;

/** A scene ready to render: its root, its lights, and the stills to take (in order). */
public record PreviewScene(Node root, LightRig lights, List<Shot> shots, TurntableControl turntableOrNull) {
}
