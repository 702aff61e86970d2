package io.atelier.bridge.preview;

import io.atelier.bridge.jobs.JobCancelledException;
import io.atelier.bridge.jobs.JobContext;
import io.atelier.bridge.jobs.JobHandler;
import io.atelier.bridge.rpc.AtelierException;
import io.atelier.preview.render.ChildProcessRenderer;
import io.atelier.preview.render.PreviewRenderException;
import io.atelier.preview.render.PreviewRequest;
import io.atelier.protocol.ErrorCodes;
import io.atelier.protocol.ImageRef;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.IntConsumer;

/**
 * One {@code preview.render} job: renders every still in a child JVM (see {@link ChildProcessRenderer}), reporting
 * {@code jobs.progress} as each view is captured, then stores them in the job's brand and returns them in view order.
 *
 * <p>Cancel: the job manager only raises a flag, and the render is one blocking wait on the child, so the render runs
 * on its own thread while the job thread watches the flag; on cancel that thread is interrupted, which kills the child
 * (and Xvfb) before the job ends as cancelled.
 */
final class PreviewRenderJob implements JobHandler {
    private static final long CANCEL_POLL_MILLIS = 100;
    private static final long KILL_WAIT_MILLIS = 5_000;

    private final ChildProcessRenderer renderer;
    private final PreviewRequest request;

    PreviewRenderJob(ChildProcessRenderer renderer, PreviewRequest request) {
        this.renderer = renderer;
        this.request = request;
    }

    @Override
    public List<ImageRef> run(JobContext ctx) throws Exception {
        int views = request.views();
        // Step 1: render all views in one child (one JVM and GL start for the whole turntable); the child reports each
        // view as it captures it, which becomes the job's progress.
        ctx.progress(0, views, null);
        List<byte[]> pngs = renderUnlessCancelled(ctx, done -> ctx.progress(done, views, null));
        // Step 2: store the stills in the job's brand, in view order.
        ctx.throwIfCancelled();
        List<ImageRef> results = new ArrayList<>();
        for (byte[] png : pngs) {
            results.add(ctx.images().put(png, ctx.brand(), ctx.ownerTokenId()));
        }
        return results;
    }

    private List<byte[]> renderUnlessCancelled(JobContext ctx, IntConsumer viewsDone) throws InterruptedException {
        FutureTask<List<byte[]>> render = new FutureTask<>(() -> renderer.renderPngs(request, viewsDone));
        Thread thread = new Thread(render, "atelier-preview-" + ctx.jobId());
        thread.setDaemon(true);
        thread.start();
        try {
            while (true) {
                try {
                    return render.get(CANCEL_POLL_MILLIS, TimeUnit.MILLISECONDS);
                } catch (TimeoutException stillRendering) {
                    if (ctx.isCancelled()) {
                        stop(render, thread);
                        throw new JobCancelledException();
                    }
                }
            }
        } catch (InterruptedException e) {
            stop(render, thread); // the bridge is shutting down
            throw e;
        } catch (ExecutionException e) {
            throw failure(e.getCause());
        }
    }

    /** Interrupting the render thread makes the renderer kill its child; wait for that so nothing outlives the job. */
    private static void stop(FutureTask<?> render, Thread thread) throws InterruptedException {
        render.cancel(true);
        thread.join(KILL_WAIT_MILLIS);
    }

    private static RuntimeException failure(Throwable cause) {
        if (cause instanceof PreviewRenderException render) {
            // Its message is written to be shown (no display, GL failure, timeout).
            return new AtelierException(ErrorCodes.MODEL_FAILURE, "The 3D preview could not be rendered: "
                    + render.getMessage());
        }
        if (cause instanceof RuntimeException runtime) {
            return runtime; // the job manager logs it and answers a generic -32010
        }
        return new IllegalStateException(cause);
    }
}
