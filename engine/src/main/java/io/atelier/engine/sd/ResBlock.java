package io.atelier.engine.sd;

import ai.djl.ndarray.NDArray;
import io.atelier.engine.nn.Layers;
import io.atelier.engine.nn.NormConstants;
import io.atelier.engine.nn.Weights;

/**
 * openaimodel.py {@code ResBlock}: h = conv(silu(norm(x))); h += linear(silu(emb)) per channel;
 * h = conv(silu(norm(h))); out = skip(x) + h, where skip is a 1x1 conv when the width changes.
 */
final class ResBlock {
    private static final float EPS = 1e-5f;
    private final NormConstants norms;

    ResBlock(NormConstants norms) {
        this.norms = norms;
    }

    NDArray forward(NDArray x, NDArray emb, Weights w) {
        NDArray h = Layers.conv2dConsuming(Layers.normSilu(x, w.at("in_layers.0."), 32, EPS, norms),
                w.at("in_layers.2."), 1, 1);
        NDArray shift = Layers.linear(Layers.silu(emb), w.at("emb_layers.1."));
        h.addi(shift.reshape(shift.getShape().get(0), shift.getShape().get(1), 1, 1));
        NDArray first = h;
        h = Layers.conv2dConsuming(Layers.normSilu(first, w.at("out_layers.0."), 32, EPS, norms),
                w.at("out_layers.3."), 1, 1);
        first.close();
        NDArray skip = w.has("skip_connection.weight") ? Layers.conv2d(x, w.at("skip_connection."), 1, 0) : x;
        return h.addi(skip);
    }
}
