package io.atelier.engine.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.index.NDIndex;

/**
 * Scaled dot-product attention, softmax(q k^T / sqrt(d) + mask) v, over several heads. The score matrix of a
 * 512 px image's self-attention is 4096 x 4096 per head: the heads are computed a few at a time so that no more
 * than {@link #SCORE_BUDGET_FLOATS} scores exist at once, whatever the batch.
 */
public final class Attention {
    /** 32 M floats = 128 MB of float32 scores at most at a time. */
    static final long SCORE_BUDGET_FLOATS = 32L << 20;

    private Attention() {
    }

    /**
     * @param q [B, N, C]
     * @param k [B, M, C]
     * @param v [B, M, C]
     * @param maskOrNull added to the scores, broadcast over [B * heads, N, M] (e.g. CLIP's causal mask [N, M])
     * @return [B, N, C]
     */
    public static NDArray multiHead(NDArray q, NDArray k, NDArray v, int heads, NDArray maskOrNull) {
        long batch = q.getShape().get(0);
        long n = q.getShape().get(1);
        long m = k.getShape().get(1);
        long channels = q.getShape().get(2);
        long d = channels / heads;
        NDArray qh = splitHeads(q, heads);
        NDArray kt = splitHeads(k, heads).transpose(0, 2, 1);
        NDArray vh = splitHeads(v, heads);
        float scale = (float) (1.0 / Math.sqrt(d));
        long rows = batch * heads;
        long perChunk = Math.max(1, Math.min(rows, SCORE_BUDGET_FLOATS / Math.max(1, n * m)));
        NDList parts = new NDList();
        for (long first = 0; first < rows; first += perChunk) {
            long last = Math.min(rows, first + perChunk);
            NDIndex range = new NDIndex("{}:{}", first, last);
            NDArray scores = qh.get(range).matMul(kt.get(range)).muli(scale);
            if (maskOrNull != null) {
                scores.addi(maskOrNull);
            }
            NDArray weights = scores.softmax(-1);
            scores.close();
            parts.add(weights.matMul(vh.get(range)));
            weights.close();
        }
        NDArray out = parts.size() == 1 ? parts.get(0) : NDArrays.concat(parts, 0);
        return out.reshape(batch, heads, n, d).transpose(0, 2, 1, 3).reshape(batch, n, channels);
    }

    /** [B, N, C] to [B * heads, N, C / heads]. */
    private static NDArray splitHeads(NDArray x, int heads) {
        long batch = x.getShape().get(0);
        long n = x.getShape().get(1);
        long d = x.getShape().get(2) / heads;
        return x.reshape(batch, n, heads, d).transpose(0, 2, 1, 3).reshape(batch * heads, n, d);
    }
}
