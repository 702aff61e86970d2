package io.atelier.engine.sd;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.index.NDIndex;
import io.atelier.engine.nn.Attention;
import io.atelier.engine.nn.Layers;
import io.atelier.engine.nn.NormConstants;
import io.atelier.engine.nn.Scope;
import io.atelier.engine.nn.Weights;

/**
 * The KL autoencoder of SD-1.x (ldm diffusionmodules/model.py {@code Encoder}/{@code Decoder} and
 * {@code AutoencoderKL}'s quant convs). decode: raw latent z [B, 4, h, w] (already divided by the scaling factor)
 * to an image [B, 3, 8h, 8w] in about [-1, 1]; encode: image to the mean of the latent distribution, unscaled.
 */
final class Autoencoder {
    private static final float EPS = 1e-6f;
    private final VaeConfig config;
    private final Weights w;
    private final NormConstants norms;

    Autoencoder(VaeConfig config, Weights weights, NormConstants norms) {
        this.config = config;
        this.w = weights.at(Sd1Layout.VAE);
        this.norms = norms;
    }

    NDArray decode(NDArray z) {
        Weights d = w.at("decoder.");
        NDArray h = Scope.run(z, x -> Layers.conv2d(Layers.conv2d(x, w.at("post_quant_conv."), 1, 0),
                d.at("conv_in."), 1, 1));
        h = middle(h, d.at("mid."));
        for (int i = config.levels() - 1; i >= 0; i--) {
            for (int j = 0; j <= config.numResBlocks(); j++) {
                Weights block = d.at("up." + i + ".block." + j + ".");
                h = replace(h, Scope.run(h, x -> resnet(x, block)));
            }
            if (i != 0) {
                Weights up = d.at("up." + i + ".upsample.conv.");
                h = replace(h, Scope.run(h, x -> Layers.conv2dConsuming(Layers.upsampleNearest2x(x), up, 1, 1)));
            }
        }
        return replace(h, Scope.run(h, x -> Layers.conv2dConsuming(Layers.normSilu(x, d.at("norm_out."), 32, EPS,
                norms), d.at("conv_out."), 1, 1)));
    }

    NDArray encodeMean(NDArray image) {
        Weights e = w.at("encoder.");
        NDArray h = Scope.run(image, x -> Layers.conv2d(x, e.at("conv_in."), 1, 1));
        for (int i = 0; i < config.levels(); i++) {
            for (int j = 0; j < config.numResBlocks(); j++) {
                Weights block = e.at("down." + i + ".block." + j + ".");
                h = replace(h, Scope.run(h, x -> resnet(x, block)));
            }
            if (i != config.levels() - 1) {
                Weights down = e.at("down." + i + ".downsample.conv.");
                h = replace(h, Scope.run(h, x -> Layers.conv2d(Layers.padRightBottom(x), down, 2, 0)));
            }
        }
        h = middle(h, e.at("mid."));
        int z = config.zChannels();
        return replace(h, Scope.run(h, x -> {
            NDArray moments = Layers.conv2dConsuming(Layers.conv2dConsuming(Layers.normSilu(x, e.at("norm_out."), 32,
                    EPS, norms), e.at("conv_out."), 1, 1), w.at("quant_conv."), 1, 0);
            return moments.get(new NDIndex(":, 0:{}", z));
        }));
    }

    private NDArray middle(NDArray h, Weights mid) {
        h = replace(h, Scope.run(h, x -> resnet(x, mid.at("block_1."))));
        h = replace(h, Scope.run(h, x -> attention(x, mid.at("attn_1."))));
        return replace(h, Scope.run(h, x -> resnet(x, mid.at("block_2."))));
    }

    /** ResnetBlock: conv(silu(norm(conv(silu(norm(x)))))) + shortcut(x), shortcut a 1x1 conv when widths differ. */
    private NDArray resnet(NDArray x, Weights b) {
        NDArray first = Layers.conv2dConsuming(Layers.normSilu(x, b.at("norm1."), 32, EPS, norms), b.at("conv1."), 1, 1);
        NDArray h = Layers.conv2dConsuming(Layers.normSilu(first, b.at("norm2."), 32, EPS, norms), b.at("conv2."), 1, 1);
        first.close();
        NDArray shortcut = b.has("nin_shortcut.weight") ? Layers.conv2d(x, b.at("nin_shortcut."), 1, 0) : x;
        return h.addi(shortcut);
    }

    /** AttnBlock: single-head self-attention over pixels with 1x1 convs for q, k, v and the output. */
    private NDArray attention(NDArray x, Weights a) {
        long batch = x.getShape().get(0);
        long channels = x.getShape().get(1);
        long height = x.getShape().get(2);
        long width = x.getShape().get(3);
        NDArray h = Layers.groupNorm(x, a.at("norm."), 32, EPS, norms);
        NDArray q = tokens(Layers.conv2d(h, a.at("q."), 1, 0));
        NDArray k = tokens(Layers.conv2d(h, a.at("k."), 1, 0));
        NDArray v = tokens(Layers.conv2d(h, a.at("v."), 1, 0));
        NDArray attended = Attention.multiHead(q, k, v, 1, null).transpose(0, 2, 1).reshape(batch, channels, height,
                width);
        return Layers.conv2d(attended, a.at("proj_out."), 1, 0).addi(x);
    }

    private static NDArray tokens(NDArray x) {
        long batch = x.getShape().get(0);
        long channels = x.getShape().get(1);
        return x.reshape(batch, channels, -1).transpose(0, 2, 1);
    }

    /** Frees the previous activation once the next exists: the decoder's activations at 512 px are ~130 MB each. */
    private static NDArray replace(NDArray previous, NDArray next) {
        if (previous != next) {
            previous.close();
        }
        return next;
    }
}
