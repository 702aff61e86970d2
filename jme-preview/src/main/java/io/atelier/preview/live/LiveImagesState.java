package io.atelier.preview.live;

import com.jme3.app.Application;
import com.jme3.app.SimpleApplication;
import com.jme3.app.state.BaseAppState;
import com.jme3.asset.AssetManager;
import com.jme3.scene.Node;
import io.atelier.preview.render.PreviewRequest;
import io.atelier.preview.render.PreviewScene;
import io.atelier.preview.render.PreviewSceneFactory;

import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Shows the newest generated images: each new image (from any thread) is added to the front of the list, the
 * scene is rebuilt off the render thread (texturing is the slow part), and the finished scene is swapped in
 * through {@code app.enqueue}, keeping the turntable's angle. The store uses up to six images, the garment one,
 * sewn as the garment the newest image was designed as, in its material ({@link GarmentChoice}).
 */
public final class LiveImagesState extends BaseAppState {
    private static final int KEPT_IMAGES = 6;

    private final PreviewRequest template;
    private final AssetManager assets;
    private final List<GeneratedImage> images = new ArrayList<>();
    private final ExecutorService builder = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "atelier-preview-builder");
        t.setDaemon(true);
        return t;
    });
    private final Application app;
    private final GarmentChoice choice;
    private PreviewScene current;

    /** @param app the application whose render thread swaps scenes in (known before this state is attached) */
    public LiveImagesState(Application app, PreviewRequest template, GarmentChoice choice, PreviewScene initial,
                           AssetManager assets) {
        this.app = app;
        this.choice = choice;
        this.template = template;
        this.current = initial;
        this.assets = assets;
    }

    /** Safe from any thread. */
    public void show(GeneratedImage image) {
        List<GeneratedImage> snapshot;
        synchronized (images) {
            images.add(0, image);
            while (images.size() > KEPT_IMAGES) {
                images.remove(images.size() - 1);
            }
            snapshot = List.copyOf(images);
        }
        builder.execute(() -> {
            List<BufferedImage> pictures = snapshot.stream().map(GeneratedImage::image).toList();
            PreviewRequest request = choice.apply(template, snapshot.get(0).design()).withImages(pictures);
            PreviewScene next = new PreviewSceneFactory(assets).build(request);
            app.enqueue(() -> swap(next));
        });
    }

    private void swap(PreviewScene next) {
        Node root = ((SimpleApplication) app).getRootNode();
        if (current.turntableOrNull() != null && next.turntableOrNull() != null) {
            next.turntableOrNull().setSpeedAndAngle(current.turntableOrNull().radiansPerSecond(), current.turntableOrNull().angle());
        }
        current.root().removeFromParent();
        root.attachChild(next.root());
        current = next;
    }

    public PreviewScene current() {
        return current;
    }

    @Override
    protected void initialize(Application app) {
        // the initial scene is attached by onEnable
    }

    @Override
    protected void onEnable() {
        ((SimpleApplication) getApplication()).getRootNode().attachChild(current.root());
    }

    @Override
    protected void onDisable() {
        current.root().removeFromParent();
    }

    @Override
    protected void cleanup(Application app) {
        builder.shutdownNow();
    }
}
