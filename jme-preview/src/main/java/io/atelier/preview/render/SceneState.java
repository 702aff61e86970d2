package io.atelier.preview.render;

import com.jme3.app.Application;
import com.jme3.app.SimpleApplication;
import com.jme3.app.state.BaseAppState;

/** Attaches the preview's scene graph to the application's root while enabled. */
public final class SceneState extends BaseAppState {
    private final PreviewScene scene;

    public SceneState(PreviewScene scene) {
        this.scene = scene;
    }

    public PreviewScene scene() {
        return scene;
    }

    @Override
    protected void initialize(Application app) {
        // nothing to prepare: the scene was built off the render thread
    }

    @Override
    protected void onEnable() {
        ((SimpleApplication) getApplication()).getRootNode().attachChild(scene.root());
    }

    @Override
    protected void onDisable() {
        scene.root().removeFromParent();
    }

    @Override
    protected void cleanup(Application app) {
        // detached in onDisable
    }
}
