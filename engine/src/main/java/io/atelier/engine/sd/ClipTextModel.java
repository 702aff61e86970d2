package io.atelier.engine.sd;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import io.atelier.engine.nn.Attention;
import io.atelier.engine.nn.Layers;
import io.atelier.engine.nn.Scope;
import io.atelier.engine.nn.Weights;

/**
 * HF {@code CLIPTextModel} as SD-1.x uses it: token plus position embeddings, pre-norm transformer layers with a
 * causal mask and quick_gelu, a final layer norm; SD conditions on that last hidden state.
 * Input token ids int64 [B, L]; output [B, L, width].
 */
final class ClipTextModel {
    private static final float EPS = 1e-5f;
    private final ClipTextConfig config;
    private final Weights w;

    ClipTextModel(ClipTextConfig config, Weights weights) {
        this.config = config;
        this.w = weights.at(Sd1Layout.TEXT);
    }

    NDArray forward(NDArray ids) {
        NDManager manager = ids.getManager();
        long batch = ids.getShape().get(0);
        long length = ids.getShape().get(1);
        if (length > config.positions()) {
            throw new IllegalArgumentException("the text encoder reads at most " + config.positions() + " tokens");
        }
        // Step 1: embeddings, gathered onto the request's manager (never the weights').
        NDArray tokens = w.get("embeddings.token_embedding.weight").get(manager, new NDIndex("{}", ids.flatten()))
                .reshape(batch, length, config.width());
        NDArray positions = w.get("embeddings.position_embedding.weight").get(manager,
                new NDIndex("0:{}", length));
        NDArray x = tokens.addi(positions);
        // Step 2: the causal mask: a token attends to itself and the tokens before it.
        float[] mask = new float[(int) (length * length)];
        for (int i = 0; i < length; i++) {
            for (int j = i + 1; j < length; j++) {
                mask[(int) (i * length + j)] = Float.NEGATIVE_INFINITY;
            }
        }
        NDArray causal = manager.create(mask, new Shape(length, length)).toType(x.getDataType(), false);
        // Step 3: layers.
        for (int i = 0; i < config.layers(); i++) {
            Weights layer = w.at("encoder.layers." + i + ".");
            x = Scope.run(x, h -> layer(h, causal, layer));
        }
        return Layers.layerNorm(x, w.at("final_layer_norm."), EPS);
    }

    private NDArray layer(NDArray x, NDArray causal, Weights w) {
        NDArray h = Layers.layerNorm(x, w.at("layer_norm1."), EPS);
        NDArray q = Layers.linear(h, w.at("self_attn.q_proj."));
        NDArray k = Layers.linear(h, w.at("self_attn.k_proj."));
        NDArray v = Layers.linear(h, w.at("self_attn.v_proj."));
        NDArray attended = Attention.multiHead(q, k, v, config.heads(), causal);
        x = Layers.linear(attended, w.at("self_attn.out_proj.")).addi(x);
        h = Layers.layerNorm(x, w.at("layer_norm2."), EPS);
        h = Layers.linear(Layers.quickGelu(Layers.linear(h, w.at("mlp.fc1."))), w.at("mlp.fc2."));
        return h.addi(x);
    }

    static DataType idType() {
        return DataType.INT64;
    }
}
