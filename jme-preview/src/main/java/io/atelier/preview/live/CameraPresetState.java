package io.atelier.preview.live;

import com.jme3.app.Application;
import com.jme3.app.state.BaseAppState;
import com.jme3.input.KeyInput;
import com.jme3.input.controls.ActionListener;
import com.jme3.input.controls.KeyTrigger;
import com.jme3.math.Vector3f;
import io.atelier.preview.render.Shot;

import java.util.List;
import java.util.function.Supplier;

/** Keys 1, 2, 3 jump the camera to the scene's presets (street, entrance, interior wide; or the garment's view). */
public final class CameraPresetState extends BaseAppState {
    private static final String[] ACTIONS = {"preset-1", "preset-2", "preset-3"};
    private static final int[] KEYS = {KeyInput.KEY_1, KeyInput.KEY_2, KeyInput.KEY_3};

    private final Supplier<List<Shot>> shots;
    private final ActionListener listener = (name, pressed, tpf) -> {
        if (pressed) {
            for (int i = 0; i < ACTIONS.length; i++) {
                if (ACTIONS[i].equals(name)) {
                    select(i);
                }
            }
        }
    };

    public CameraPresetState(Supplier<List<Shot>> shots) {
        this.shots = shots;
    }

    public void select(int index) {
        List<Shot> available = shots.get();
        if (available.isEmpty()) {
            return;
        }
        Shot shot = available.get(Math.min(index, available.size() - 1));
        var cam = getApplication().getCamera();
        cam.setFrustumPerspective(shot.fovDegrees(), (float) cam.getWidth() / cam.getHeight(), 0.05f, 600f);
        cam.setLocation(shot.location());
        cam.lookAt(shot.lookAt(), Vector3f.UNIT_Y);
    }

    @Override
    protected void initialize(Application app) {
        for (int i = 0; i < ACTIONS.length; i++) {
            app.getInputManager().addMapping(ACTIONS[i], new KeyTrigger(KEYS[i]));
        }
    }

    @Override
    protected void onEnable() {
        getApplication().getInputManager().addListener(listener, ACTIONS);
        select(0);
    }

    @Override
    protected void onDisable() {
        getApplication().getInputManager().removeListener(listener);
    }

    @Override
    protected void cleanup(Application app) {
        for (String action : ACTIONS) {
            app.getInputManager().deleteMapping(action);
        }
    }
}
