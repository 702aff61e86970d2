package io.atelier.engine.pipeline;

import ai.djl.engine.Engine;
import ai.djl.pytorch.jni.JniUtils;
import io.atelier.engine.GenerationListener;
import io.atelier.engine.GenerationRequest;
import io.atelier.engine.GenerationResult;
import io.atelier.engine.GenerationSettings;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs generations one batch at a time on a single worker thread, batching compatible requests: those with the same
 * model, size, steps, sampler, guidance and starting noise level go through each UNet forward together, so
 * concurrent clients share the model's work. Requests of other shapes wait their turn in arrival order.
 *
 * <p>When requests have been arriving together (the last batch held several, or several are waiting), the worker
 * waits up to {@code gatherWindow} after the oldest one's arrival for companions; a lone client never waits.
 */
public final class GenerationBatcher implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(GenerationBatcher.class);

    private record Queued(DiffusionPipeline pipeline, PendingGeneration pending, long arrivedNanos) {
    }

    private final Duration gatherWindow;
    private final int maxImagesPerBatch;
    private final Deque<Queued> queue = new ArrayDeque<>();
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition arrived = lock.newCondition();
    private final Thread worker;
    private volatile boolean closed;
    private int lastBatchSize;

    public GenerationBatcher(Duration gatherWindow, int maxImagesPerBatch) {
        this.gatherWindow = gatherWindow;
        this.maxImagesPerBatch = maxImagesPerBatch;
        this.worker = new Thread(this::work, "atelier-generation");
        worker.setDaemon(true);
        worker.start();
    }

    /**
     * Queues a request; parameters are checked now, so a bad request fails here with
     * {@link io.atelier.engine.InvalidGenerationParameterException} rather than in its future.
     */
    public CompletableFuture<GenerationResult> submit(DiffusionPipeline pipeline, GenerationRequest request,
                                                      GenerationListener listener) {
        GenerationSettings settings = pipeline.resolve(request);
        PendingGeneration pending = new PendingGeneration(request, settings, listener, new CompletableFuture<>());
        lock.lock();
        try {
            if (closed) {
                throw new IllegalStateException("the engine is closed");
            }
            queue.addLast(new Queued(pipeline, pending, System.nanoTime()));
            arrived.signalAll();
        } finally {
            lock.unlock();
        }
        return pending.result();
    }

    private void work() {
        // libtorch's profiling graph executor re-specialises for every new input shape, and batching makes batch
        // sizes vary: off by default on the generation thread (the switch is per thread, so DJL's own
        // -Dai.djl.pytorch.graph_optimizer only reaches the thread that started the engine); "true" keeps it on.
        if (!"true".equals(System.getProperty("ai.djl.pytorch.graph_optimizer"))) {
            try {
                Engine.getEngine("PyTorch"); // loads the native library JniUtils needs
                JniUtils.setGraphExecutorOptimize(false);
            } catch (RuntimeException | LinkageError e) {
                LOG.warn("Could not turn libtorch's graph optimizer off on the generation thread", e);
            }
        }
        while (true) {
            List<PendingGeneration> batch = new ArrayList<>();
            DiffusionPipeline pipeline;
            lock.lock();
            try {
                while (queue.isEmpty() && !closed) {
                    arrived.awaitUninterruptibly();
                }
                if (closed) {
                    return;
                }
                // Step 1: when clients are running concurrently, give the oldest request's companions a moment.
                Queued first = queue.peekFirst();
                if (lastBatchSize > 1 || queue.size() > 1) {
                    long deadline = first.arrivedNanos() + gatherWindow.toNanos();
                    for (long wait = deadline - System.nanoTime(); wait > 0 && !closed;
                         wait = deadline - System.nanoTime()) {
                        arrived.awaitNanos(wait);
                    }
                }
                // Step 2: take every queued request compatible with it, up to the image budget.
                pipeline = first.pipeline();
                GenerationSettings.BatchKey key = first.pending().settings().batchKey();
                int images = 0;
                for (Iterator<Queued> it = queue.iterator(); it.hasNext(); ) {
                    Queued candidate = it.next();
                    int count = candidate.pending().settings().count();
                    boolean fits = batch.isEmpty() || images + count <= maxImagesPerBatch;
                    if (candidate.pipeline() == pipeline && fits
                            && candidate.pending().settings().batchKey().equals(key)) {
                        batch.add(candidate.pending());
                        images += count;
                        it.remove();
                    }
                }
                lastBatchSize = batch.size();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } finally {
                lock.unlock();
            }
            // Step 3: run it outside the lock, so new requests keep queueing meanwhile.
            try {
                pipeline.runBatch(batch);
            } catch (RuntimeException | Error e) {
                LOG.error("A generation batch failed outside the pipeline's own handling", e);
                batch.forEach(p -> p.result().completeExceptionally(e));
            }
        }
    }

    @Override
    public void close() {
        lock.lock();
        try {
            closed = true;
            arrived.signalAll();
            queue.forEach(q -> q.pending().result().cancel(false));
            queue.clear();
        } finally {
            lock.unlock();
        }
        try {
            worker.join(Duration.ofSeconds(30).toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
