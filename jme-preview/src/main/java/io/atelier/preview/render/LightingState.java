package io.atelier.preview.render;

import com.jme3.app.Application;
import com.jme3.app.SimpleApplication;
import com.jme3.app.state.BaseAppState;
import com.jme3.light.DirectionalLight;
import com.jme3.light.Light;
import com.jme3.light.PointLight;
import com.jme3.material.TechniqueDef;
import com.jme3.renderer.ViewPort;
import com.jme3.scene.Node;
import com.jme3.shadow.DirectionalLightShadowRenderer;
import com.jme3.shadow.EdgeFilteringMode;

import java.util.ArrayList;
import java.util.List;

/** Puts a {@link LightRig} into the scene: sun with shadow maps, fill lights, lamps, background colour. */
public final class LightingState extends BaseAppState {
    private final LightRig rig;
    private final int shadowMapSize;
    private final List<Light> added = new ArrayList<>();
    private DirectionalLightShadowRenderer shadows;
    private Node root;
    private ViewPort viewPort;

    public LightingState(LightRig rig, int shadowMapSize) {
        this.rig = rig;
        this.shadowMapSize = shadowMapSize;
    }

    @Override
    protected void initialize(Application app) {
        SimpleApplication simple = (SimpleApplication) app;
        root = simple.getRootNode();
        viewPort = app.getViewPort();
        // Many lights per object (sun, fills, lamps): single-pass lighting keeps it to one draw per geometry.
        app.getRenderManager().setPreferredLightMode(TechniqueDef.LightMode.SinglePass);
        app.getRenderManager().setSinglePassLightBatchSize(8);
    }

    @Override
    protected void onEnable() {
        DirectionalLight sun = new DirectionalLight(rig.sunDirection(), rig.sun());
        add(sun);
        for (LightRig.Fill fill : rig.fills()) {
            add(new DirectionalLight(fill.direction(), fill.colour()));
        }
        for (var position : rig.lamps()) {
            add(new PointLight(position, rig.lamp(), rig.lampRadius()));
        }
        viewPort.setBackgroundColor(rig.background());
        if (rig.shadowStrength() > 0f) {
            shadows = new DirectionalLightShadowRenderer(getApplication().getAssetManager(), shadowMapSize, 2);
            shadows.setLight(sun);
            shadows.setShadowIntensity(rig.shadowStrength());
            shadows.setEdgeFilteringMode(EdgeFilteringMode.PCF4);
            shadows.setLambda(0.65f);
            viewPort.addProcessor(shadows);
        }
    }

    @Override
    protected void onDisable() {
        added.forEach(root::removeLight);
        added.clear();
        if (shadows != null) {
            viewPort.removeProcessor(shadows);
            shadows = null;
        }
    }

    @Override
    protected void cleanup(Application app) {
        // lights and processors are removed in onDisable
    }

    private void add(Light light) {
        root.addLight(light);
        added.add(light);
    }
}
