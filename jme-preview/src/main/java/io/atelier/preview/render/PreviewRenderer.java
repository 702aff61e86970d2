package io.atelier.preview.render;

import com.jme3.asset.AssetManager;
import com.jme3.system.AppSettings;
import com.jme3.system.JmeContext;
import com.jme3.system.JmeSystem;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.IntConsumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Renders preview stills in this JVM through an offscreen GL surface. Needs an X display (a real one, or
 * Xvfb with Mesa); where there may be none, use {@link ChildProcessRenderer}, which wraps a child JVM in
 * xvfb-run. One render at a time per JVM (GLFW is process-global).
 */
public final class PreviewRenderer {
    private static final Object GL_LOCK = new Object();
    /** Held so the level sticks: jME's tangent generator warns once per degenerate triangle. */
    private static final Logger JME_LOG = Logger.getLogger("com.jme3");
    private final long timeoutSeconds;

    public PreviewRenderer() {
        this(180);
    }

    public PreviewRenderer(long timeoutSeconds) {
        this.timeoutSeconds = timeoutSeconds;
    }

    /** Builds the scene and renders every shot; one image per view, in order. */
    public List<BufferedImage> render(PreviewRequest request) {
        return render(request, views -> { });
    }

    /** The same, telling {@code viewsDone} how many views are captured after each one (from the render thread). */
    public List<BufferedImage> render(PreviewRequest request, IntConsumer viewsDone) {
        JME_LOG.setLevel(Level.SEVERE);
        long t0 = System.nanoTime();
        synchronized (GL_LOCK) {
            int shadowMap = Math.max(request.width(), request.height()) >= 960 ? 2048 : 1024;
            CompletableFuture<PreviewScene> scene = new CompletableFuture<>();
            HeadlessRenderApp app = new HeadlessRenderApp(scene, request.width(), request.height(), shadowMap, viewsDone);
            AppSettings settings = new AppSettings(true);
            settings.setResolution(request.width(), request.height());
            settings.setAudioRenderer(null);
            settings.setGammaCorrection(true);
            settings.setSamples(0);
            settings.setVSync(false);
            settings.setFrameRate(-1);
            app.setSettings(settings);
            app.setShowSettings(false);
            app.setPauseOnLostFocus(false);
            app.start(JmeContext.Type.OffscreenSurface);
            // Step 2: build the scene here while the render thread creates the GL context.
            try {
                scene.complete(new PreviewSceneFactory(desktopAssets()).build(request));
            } catch (RuntimeException e) {
                scene.completeExceptionally(e);
            }
            if (System.getenv("ATELIER_PREVIEW_TRACE") != null) {
                System.err.printf("scene built in %d ms%n", (System.nanoTime() - t0) / 1_000_000);
            }
            try {
                return app.result().get(timeoutSeconds, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new PreviewRenderException("render interrupted", e);
            } catch (ExecutionException e) {
                throw new PreviewRenderException("render failed: " + e.getCause().getMessage(), e.getCause());
            } catch (TimeoutException e) {
                throw new PreviewRenderException("render timed out after " + timeoutSeconds + " s", e);
            } finally {
                app.stop(true);
            }
        }
    }

    /** Renders and writes PNGs named after the scene and view; returns their paths in view order. */
    public List<Path> renderTo(PreviewRequest request, Path outDir) {
        return renderTo(request, outDir, views -> { });
    }

    /** Renders and writes PNGs, telling {@code viewsDone} how many views are captured after each one. */
    public List<Path> renderTo(PreviewRequest request, Path outDir, IntConsumer viewsDone) {
        List<BufferedImage> images = render(request, viewsDone);
        return write(request, images, outDir);
    }

    static List<Path> write(PreviewRequest request, List<BufferedImage> images, Path outDir) {
        List<Path> paths = new ArrayList<>();
        try {
            Files.createDirectories(outDir);
            for (int i = 0; i < images.size(); i++) {
                Path file = outDir.resolve(fileName(request, i));
                ImageIO.write(images.get(i), "png", file.toFile());
                paths.add(file);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write preview images", e);
        }
        return paths;
    }

    /** garment: dress-turntable-00.png …; store: store-golden-hour-street.png … */
    public static String fileName(PreviewRequest request, int view) {
        if (request.scene() == SceneKind.GARMENT) {
            return String.format("%s-turntable-%02d.png", request.garment().id(), view);
        }
        return "store-" + request.time().id() + "-" + request.storeCamera(view).id() + ".png";
    }

    /** jME's desktop asset manager (classpath locators for Common/ material definitions); no GL needed. */
    public static AssetManager desktopAssets() {
        // The desktop config names loaders for optional modules we do not ship (Ogre, FBX, glTF import).
        JME_LOG.setLevel(Level.SEVERE);
        return JmeSystem.newAssetManager(
                Thread.currentThread().getContextClassLoader().getResource("com/jme3/asset/Desktop.cfg"));
    }
}
