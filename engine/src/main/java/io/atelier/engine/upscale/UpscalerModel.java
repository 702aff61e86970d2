package io.atelier.engine.upscale;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;

/**
 * One pretrained super-resolution network at one scale, taking and giving RGB batches [B, 3, H, W] in 0..1 whatever
 * the range the network was trained on (the RDN packages work in 0..255, the RRDN package in 0..1: the
 * {@code inputRange}/{@code outputRange} that @upscalerjs/esrgan declares for each architecture).
 */
public final class UpscalerModel implements AutoCloseable {
    private final String id;
    private final int scale;
    private final float range;
    private final KerasGraph graph;

    UpscalerModel(String id, int scale, float range, TfjsLayersModel model, NDManager manager) {
        this.id = id;
        this.scale = scale;
        this.range = range;
        this.graph = new KerasGraph(model, manager);
    }

    public String id() {
        return id;
    }

    public int scale() {
        return scale;
    }

    /** [B, 3, H, W] in 0..1 → [B, 3, scale·H, scale·W] in 0..1 (not clamped), on the input's manager. */
    public NDArray upscale(NDArray batch) {
        if (range == 1f) {
            return graph.forward(batch);
        }
        NDArray scaled = batch.mul(range);
        NDArray out = graph.forward(scaled);
        scaled.close();
        return out.divi(range);
    }

    @Override
    public void close() {
        graph.close();
    }
}
