package io.atelier.preview.render;

import com.jme3.app.SimpleApplication;
import com.jme3.app.state.AppState;

import java.awt.image.BufferedImage;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;

/**
 * A bare application for offscreen stills: no fly camera, no statistics overlay; the scene, its lights and
 * the capture are app states attached in that order (the capture must see the frame after the shadows).
 * The scene may still be under construction when the app starts: the GL context is created meanwhile, and
 * {@link #simpleInitApp()} waits for it.
 */
public final class HeadlessRenderApp extends SimpleApplication {
    private final Future<PreviewScene> scene;
    private final CompletableFuture<List<BufferedImage>> result = new CompletableFuture<>();
    private final int width;
    private final int height;
    private final int shadowMapSize;

    private final java.util.function.IntConsumer viewsDone;

    public HeadlessRenderApp(Future<PreviewScene> scene, int width, int height, int shadowMapSize) {
        this(scene, width, height, shadowMapSize, views -> { });
    }

    /** @param viewsDone told how many shots are captured after each one, on the render thread */
    public HeadlessRenderApp(Future<PreviewScene> scene, int width, int height, int shadowMapSize,
                             java.util.function.IntConsumer viewsDone) {
        super(new AppState[0]);
        this.scene = scene;
        this.width = width;
        this.height = height;
        this.shadowMapSize = shadowMapSize;
        this.viewsDone = viewsDone;
    }

    /** Completes with one image per shot, in order, or exceptionally if rendering failed. */
    public CompletableFuture<List<BufferedImage>> result() {
        return result;
    }

    @Override
    public void simpleInitApp() {
        setDisplayFps(false);
        setDisplayStatView(false);
        PreviewScene built;
        try {
            built = scene.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            result.completeExceptionally(e);
            stop();
            return;
        } catch (ExecutionException e) {
            result.completeExceptionally(e.getCause());
            stop();
            return;
        }
        stateManager.attach(new SceneState(built));
        stateManager.attach(new LightingState(built.lights(), shadowMapSize));
        stateManager.attach(new CaptureState(built, width, height, result, viewsDone));
    }

    @Override
    public void handleError(String errorMessage, Throwable t) {
        result.completeExceptionally(t != null ? t : new IllegalStateException(errorMessage));
        stop();
    }
}
