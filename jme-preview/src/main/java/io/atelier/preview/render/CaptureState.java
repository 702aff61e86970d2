package io.atelier.preview.render;

import com.jme3.app.Application;
import com.jme3.app.state.BaseAppState;
import com.jme3.post.SceneProcessor;
import com.jme3.profile.AppProfiler;
import com.jme3.renderer.Camera;
import com.jme3.renderer.Limits;
import com.jme3.renderer.RenderManager;
import com.jme3.renderer.Renderer;
import com.jme3.renderer.ViewPort;
import com.jme3.renderer.queue.RenderQueue;
import com.jme3.texture.FrameBuffer;
import com.jme3.texture.Image;
import com.jme3.texture.Texture2D;
import com.jme3.texture.image.ColorSpace;
import com.jme3.util.BufferUtils;

import java.awt.image.BufferedImage;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Takes the scene's shots one per frame into an offscreen frame buffer and reads each back to an image.
 * The main viewport renders into a multisampled sRGB buffer; after the frame (shadows included, as this
 * processor is added after the shadow renderer) it is resolved into a single-sample buffer and read.
 */
public final class CaptureState extends BaseAppState {
    /**
     * Frames rendered and thrown away before the first still. None are needed: the first frame compiles its
     * shaders and uploads its textures before drawing (the blank first stills once seen came from the resolve
     * buffer, see {@link #captured}); kept as a named constant because drivers differ.
     */
    private static final int WARM_UP_FRAMES = 0;
    /** 4x multisampling: costs about a fifth of a 1280x720 store frame on llvmpipe, removes stair-stepped edges. */
    private static final int MSAA_SAMPLES = 4;
    private static final boolean TRACE = System.getenv("ATELIER_PREVIEW_TRACE") != null;
    private static final long START = System.nanoTime();

    private final PreviewScene scene;
    private final int width;
    private final int height;
    private final CompletableFuture<List<BufferedImage>> result;
    private final List<BufferedImage> images = new ArrayList<>();
    private FrameBuffer multisampled;
    private FrameBuffer resolved;
    private ByteBuffer pixels;
    private int frame;
    private Processor processor;
    private final java.util.function.IntConsumer viewsDone;

    public CaptureState(PreviewScene scene, int width, int height, CompletableFuture<List<BufferedImage>> result) {
        this(scene, width, height, result, views -> { });
    }

    /** @param viewsDone told how many shots are captured after each one, on the render thread */
    public CaptureState(PreviewScene scene, int width, int height, CompletableFuture<List<BufferedImage>> result,
                        java.util.function.IntConsumer viewsDone) {
        this.scene = scene;
        this.result = result;
        this.width = width;
        this.height = height;
        this.viewsDone = viewsDone;
    }

    /** Completes with one image per shot, in order, or exceptionally if rendering failed. */
    public CompletableFuture<List<BufferedImage>> result() {
        return result;
    }

    @Override
    protected void initialize(Application app) {
        Renderer renderer = app.getRenderer();
        Integer maxSamples = renderer.getLimits().get(Limits.FrameBufferSamples);
        int samples = Math.max(1, Math.min(MSAA_SAMPLES, maxSamples == null ? 1 : maxSamples));
        multisampled = buffer(samples);
        resolved = samples > 1 ? buffer(1) : multisampled;
        pixels = BufferUtils.createByteBuffer(width * height * 4);
        app.getCamera().resize(width, height, true);
    }

    private FrameBuffer buffer(int samples) {
        FrameBuffer fb = new FrameBuffer(width, height, samples);
        Image colour = new Image(Image.Format.RGBA8, width, height, null, ColorSpace.sRGB);
        Texture2D target = new Texture2D(colour);
        if (samples > 1) {
            colour.setMultiSamples(samples);
        }
        fb.setDepthTarget(FrameBuffer.FrameBufferTarget.newTarget(Image.Format.Depth24));
        fb.addColorTarget(FrameBuffer.FrameBufferTarget.newTarget(target));
        fb.setSrgb(true);
        return fb;
    }

    @Override
    protected void onEnable() {
        ViewPort vp = getApplication().getViewPort();
        vp.setOutputFrameBuffer(multisampled);
        processor = new Processor();
        vp.addProcessor(processor);
    }

    @Override
    protected void onDisable() {
        getApplication().getViewPort().removeProcessor(processor);
    }

    @Override
    protected void cleanup(Application app) {
        // frame buffers are freed with the context
    }

    @Override
    public void update(float tpf) {
        int shot = Math.max(0, frame - WARM_UP_FRAMES);
        if (shot < scene.shots().size()) {
            aim(getApplication().getCamera(), scene.shots().get(shot));
        }
    }

    private void aim(Camera cam, Shot shot) {
        cam.setFrustumPerspective(shot.fovDegrees(), (float) width / height, 0.05f, 600f);
        cam.setLocation(shot.location());
        cam.lookAt(shot.lookAt(), com.jme3.math.Vector3f.UNIT_Y);
        if (scene.turntableOrNull() != null) {
            scene.turntableOrNull().setAngle(shot.turntableRadians());
            // apply now, before this frame's logical update has run the control
            scene.turntableOrNull().update(0f);
        }
    }

    private void captured(RenderManager rm) {
        if (TRACE) {
            System.err.printf("frame %d at %d ms%n", frame, (System.nanoTime() - START) / 1_000_000);
        }
        if (result.isDone()) {
            return;
        }
        Renderer renderer = rm.getRenderer();
        if (resolved != multisampled) {
            // jME creates a frame buffer's GL object when it is first bound; a blit into one never bound
            // goes nowhere, so bind the resolve target once before the first copy.
            renderer.setFrameBuffer(resolved);
            renderer.copyFrameBuffer(multisampled, resolved, true, false);
        }
        pixels.clear();
        renderer.readFrameBufferWithFormat(resolved, pixels, Image.Format.RGBA8);
        renderer.setFrameBuffer(multisampled);
        if (frame++ < WARM_UP_FRAMES) {
            return;
        }
        images.add(toImage(pixels, width, height));
        viewsDone.accept(images.size());
        if (images.size() == scene.shots().size()) {
            result.complete(List.copyOf(images));
            // Stop now, from the render thread: waiting for the caller to stop us costs another full frame.
            getApplication().getViewPort().setEnabled(false);
            getApplication().stop();
        }
    }

    /** GL rows run bottom-up; images top-down. */
    static BufferedImage toImage(ByteBuffer rgba, int width, int height) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        int[] row = new int[width];
        for (int y = 0; y < height; y++) {
            int base = (height - 1 - y) * width * 4;
            for (int x = 0; x < width; x++) {
                int i = base + x * 4;
                row[x] = (rgba.get(i) & 0xFF) << 16 | (rgba.get(i + 1) & 0xFF) << 8 | (rgba.get(i + 2) & 0xFF);
            }
            image.setRGB(0, y, width, 1, row, 0, width);
        }
        return image;
    }

    void fail(Throwable t) {
        result.completeExceptionally(t);
    }

    private final class Processor implements SceneProcessor {
        private RenderManager rm;

        @Override
        public void initialize(RenderManager rm, ViewPort vp) {
            this.rm = rm;
        }

        @Override
        public void reshape(ViewPort vp, int w, int h) {
            // fixed size
        }

        @Override
        public boolean isInitialized() {
            return rm != null;
        }

        @Override
        public void preFrame(float tpf) {
            // camera is aimed in update()
        }

        @Override
        public void postQueue(RenderQueue rq) {
            // nothing to add
        }

        @Override
        public void postFrame(FrameBuffer out) {
            captured(rm);
        }

        @Override
        public void cleanup() {
            // nothing held
        }

        @Override
        public void setProfiler(AppProfiler profiler) {
            // not profiled
        }
    }
}
