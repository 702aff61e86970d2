package io.atelier.preview.render;

import com.jme3.app.SimpleApplication;
import com.jme3.app.state.AppState;

/**
 * A bare application for offscreen stills: no fly camera, no statistics overlay; the scene, its lights and
 * the capture are app states attached in that order (the capture must see the frame after the shadows).
 */
public final class HeadlessRenderApp extends SimpleApplication {
    private final PreviewScene scene;
    private final CaptureState capture;
    private final int shadowMapSize;

    public HeadlessRenderApp(PreviewScene scene, int width, int height, int shadowMapSize) {
        super(new AppState[0]);
        this.scene = scene;
        this.capture = new CaptureState(scene, width, height);
        this.shadowMapSize = shadowMapSize;
    }

    public CaptureState capture() {
        return capture;
    }

    @Override
    public void simpleInitApp() {
        setDisplayFps(false);
        setDisplayStatView(false);
        stateManager.attach(new SceneState(scene));
        stateManager.attach(new LightingState(scene.lights(), shadowMapSize));
        stateManager.attach(capture);
    }

    @Override
    public void handleError(String errorMessage, Throwable t) {
        capture.fail(t != null ? t : new IllegalStateException(errorMessage));
        stop();
    }
}
