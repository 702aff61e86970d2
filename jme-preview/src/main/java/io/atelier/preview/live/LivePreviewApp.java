package io.atelier.preview.live;

import com.jme3.app.SimpleApplication;
import com.jme3.app.state.AppState;
import com.jme3.asset.AssetManager;
import com.jme3.system.AppSettings;
import io.atelier.preview.render.LightingState;
import io.atelier.preview.render.PreviewRequest;
import io.atelier.preview.render.PreviewScene;
import io.atelier.preview.render.PreviewSceneFactory;
import io.atelier.preview.render.PreviewRenderer;

import java.util.concurrent.CountDownLatch;

/**
 * The live viewer window: the garment turning on its form, or the store from its camera presets (keys 1-3),
 * re-dressed with each image the bridge finishes. One state per feature: {@link LiveImagesState} (scene and
 * its updates), {@link LightingState}, {@link CameraPresetState}.
 */
public final class LivePreviewApp extends SimpleApplication {
    private final LiveImagesState images;
    private final PreviewScene initial;
    private final CountDownLatch closed = new CountDownLatch(1);

    public LivePreviewApp(PreviewRequest template) {
        this(template, GarmentChoice.FOLLOW_DESIGNS);
    }

    /** @param choice what the user pinned ({@code --garment}, {@code --material}) over each image's design */
    public LivePreviewApp(PreviewRequest template, GarmentChoice choice) {
        super(new AppState[0]);
        AssetManager assets = PreviewRenderer.desktopAssets();
        this.initial = new PreviewSceneFactory(assets).build(template);
        this.images = new LiveImagesState(this, template, choice, initial, assets);
        AppSettings settings = new AppSettings(true);
        settings.setTitle("Atelier preview");
        settings.setResolution(template.width(), template.height());
        settings.setGammaCorrection(true);
        settings.setSamples(4);
        settings.setAudioRenderer(null);
        setSettings(settings);
        setShowSettings(false);
        setPauseOnLostFocus(false);
    }

    /** Thread-safe: called by the bridge follower when an image is ready. */
    public void show(GeneratedImage image) {
        images.show(image);
    }

    @Override
    public void simpleInitApp() {
        setDisplayStatView(false);
        setDisplayFps(false);
        stateManager.attach(images);
        stateManager.attach(new LightingState(initial.lights(), 2048));
        stateManager.attach(new CameraPresetState(() -> images.current().shots()));
    }

    @Override
    public void destroy() {
        super.destroy();
        closed.countDown();
    }

    /** Blocks until the window is closed. */
    public void awaitClosed() throws InterruptedException {
        closed.await();
    }
}
