package io.atelier.engine.sd;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import io.atelier.engine.nn.Layers;
import io.atelier.engine.nn.NormConstants;
import io.atelier.engine.nn.Scope;
import io.atelier.engine.nn.Weights;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * CompVis {@code UNetModel} (latent-diffusion openaimodel.py) as SD-1.x configures it: a time embedding, input
 * blocks of res blocks and spatial transformers with a downsampler after each level but the last, a middle block,
 * and output blocks that concatenate the matching input block's activation before each res block.
 * Inputs (sample [B, C, h, w], timestep [B], context [B, L, D]); output the predicted noise [B, C, h, w].
 */
final class UNet {
    private final UNetConfig config;
    private final Weights w;
    private final NormConstants norms;

    UNet(UNetConfig config, Weights weights, NormConstants norms) {
        this.config = config;
        this.w = weights.at(Sd1Layout.UNET);
        this.norms = norms;
    }

    NDArray forward(NDArray sample, NDArray timesteps, NDArray context) {
        NDArray emb = Scope.run(timesteps, t -> {
            NDArray sinusoid = timestepEmbedding(t, config.modelChannels(), sample.getDataType());
            NDArray hidden = Layers.silu(Layers.linear(sinusoid, w.at("time_embed.0.")));
            return Layers.linear(hidden, w.at("time_embed.2."));
        });
        ResBlock res = new ResBlock(norms);
        SpatialTransformer transformer = new SpatialTransformer(norms, config.heads());

        // Step 1: input blocks; every block's output is kept for the output block that mirrors it.
        Deque<NDArray> skips = new ArrayDeque<>();
        NDArray h = Scope.run(sample, x -> Layers.conv2d(x, w.at("input_blocks.0.0."), 1, 1));
        skips.push(h);
        int block = 1;
        for (int level = 0; level < config.levels(); level++) {
            for (int r = 0; r < config.numResBlocks(); r++) {
                Weights b = w.at("input_blocks." + block + ".");
                boolean attention = config.attentionAtLevel()[level];
                h = Scope.run(h, x -> {
                    NDArray y = res.forward(x, emb, b.at("0."));
                    return attention ? transformer.forward(y, context, b.at("1.")) : y;
                });
                skips.push(h);
                block++;
            }
            if (level != config.levels() - 1) {
                Weights op = w.at("input_blocks." + block + ".0.op.");
                h = Scope.run(h, x -> Layers.conv2d(x, op, 2, 1));
                skips.push(h);
                block++;
            }
        }

        // Step 2: middle block.
        h = Scope.run(h, x -> {
            NDArray y = res.forward(x, emb, w.at("middle_block.0."));
            y = transformer.forward(y, context, w.at("middle_block.1."));
            return res.forward(y, emb, w.at("middle_block.2."));
        });

        // Step 3: output blocks, each consuming the newest skip; consumed activations are freed at once.
        block = 0;
        for (int level = config.levels() - 1; level >= 0; level--) {
            for (int i = 0; i <= config.numResBlocks(); i++) {
                NDArray skip = skips.pop();
                NDArray joined = h.concat(skip, 1);
                h.close();
                skip.close();
                Weights b = w.at("output_blocks." + block + ".");
                boolean attention = config.attentionAtLevel()[level];
                boolean upsample = level != 0 && i == config.numResBlocks();
                h = Scope.run(joined, x -> {
                    NDArray y = res.forward(x, emb, b.at("0."));
                    if (attention) {
                        y = transformer.forward(y, context, b.at("1."));
                    }
                    if (upsample) {
                        y = Layers.conv2d(Layers.upsampleNearest2x(y), b.at((attention ? "2" : "1") + ".conv."), 1, 1);
                    }
                    return y;
                });
                joined.close();
                block++;
            }
        }

        // Step 4: out = conv(silu(norm(h))).
        NDArray last = h;
        return Scope.run(last, x -> Layers.conv2dConsuming(Layers.normSilu(x, w.at("out.0."), 32, 1e-5f, norms),
                w.at("out.2."), 1, 1));
    }

    /**
     * CompVis {@code timestep_embedding}: freqs = exp(-ln(10000) * i / half), emb = [cos(t * freqs), sin(t * freqs)],
     * computed in float32 in the reference's operation order, then cast to the model's type.
     */
    static NDArray timestepEmbedding(NDArray timesteps, int dim, DataType type) {
        int half = dim / 2;
        NDManager manager = timesteps.getManager();
        NDArray freqs = manager.arange(0, half, 1, DataType.FLOAT32).muli((float) -Math.log(10000.0)).divi(half).exp();
        NDArray args = timesteps.toType(DataType.FLOAT32, false).reshape(-1, 1).mul(freqs.reshape(1, half));
        return args.cos().concat(args.sin(), 1).toType(type, false);
    }
}
