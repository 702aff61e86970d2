package io.atelier.engine.sd;

import ai.djl.ndarray.NDArray;
import io.atelier.engine.nn.Attention;
import io.atelier.engine.nn.Layers;
import io.atelier.engine.nn.NormConstants;
import io.atelier.engine.nn.Weights;

/**
 * attention.py {@code SpatialTransformer} of SD-1.x: group norm, 1x1 conv in, per pixel token a
 * {@code BasicTransformerBlock} (self-attention, cross-attention on the text, GEGLU feed-forward, each pre-norm
 * with a residual), 1x1 conv out, plus the input.
 */
final class SpatialTransformer {
    private final NormConstants norms;
    private final int heads;

    SpatialTransformer(NormConstants norms, int heads) {
        this.norms = norms;
        this.heads = heads;
    }

    NDArray forward(NDArray x, NDArray context, Weights w) {
        long batch = x.getShape().get(0);
        long channels = x.getShape().get(1);
        long height = x.getShape().get(2);
        long width = x.getShape().get(3);
        NDArray h = Layers.conv2d(Layers.groupNorm(x, w.at("norm."), 32, 1e-6f, norms), w.at("proj_in."), 1, 0);
        NDArray tokens = h.reshape(batch, channels, height * width).transpose(0, 2, 1);
        for (int k = 0; w.has("transformer_blocks." + k + ".norm1.weight"); k++) {
            tokens = block(tokens, context, w.at("transformer_blocks." + k + "."));
        }
        NDArray back = tokens.transpose(0, 2, 1).reshape(batch, channels, height, width);
        return Layers.conv2d(back, w.at("proj_out."), 1, 0).addi(x);
    }

    private NDArray block(NDArray x, NDArray context, Weights w) {
        NDArray normed = Layers.layerNorm(x, w.at("norm1."), 1e-5f);
        x = attention(normed, normed, w.at("attn1.")).addi(x);
        x = attention(Layers.layerNorm(x, w.at("norm2."), 1e-5f), context, w.at("attn2.")).addi(x);
        return feedForward(Layers.layerNorm(x, w.at("norm3."), 1e-5f), w.at("ff.")).addi(x);
    }

    private NDArray attention(NDArray x, NDArray context, Weights w) {
        NDArray q = x.matMul(w.get("to_q.weight").transpose());
        NDArray k = context.matMul(w.get("to_k.weight").transpose());
        NDArray v = context.matMul(w.get("to_v.weight").transpose());
        return Layers.linear(Attention.multiHead(q, k, v, heads, null), w.at("to_out.0."));
    }

    /** GEGLU: (a, gate) = proj(x).chunk(2); out = net.2(a * gelu(gate)). */
    private static NDArray feedForward(NDArray x, Weights w) {
        NDArray projected = Layers.linear(x, w.at("net.0.proj."));
        long inner = projected.getShape().get(projected.getShape().dimension() - 1) / 2;
        var halves = projected.split(new long[] {inner}, projected.getShape().dimension() - 1);
        NDArray gated = Layers.gelu(halves.get(1)).muli(halves.get(0));
        projected.close();
        halves.close();
        NDArray out = Layers.linear(gated, w.at("net.2."));
        gated.close();
        return out;
    }
}
