package io.atelier.engine.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;

/**
 * The layers of the Stable Diffusion family as plain functions over NDArrays and {@link Weights}, each with the
 * formula of the reference implementation (PyTorch's nn modules) it reproduces.
 */
public final class Layers {
    private static final Shape ONE = new Shape(1, 1);

    private Layers() {
    }

    /** y = x W^T + b over the last axis (nn.Linear). */
    public static NDArray linear(NDArray x, Weights w) {
        NDArray y = x.matMul(w.get("weight").transpose());
        NDArray bias = w.optional("bias");
        return bias == null ? y : y.addi(bias);
    }

    /** nn.Conv2d with square kernel, dilation 1, groups 1; 1x1 weights stored as [out, in] are accepted. */
    public static NDArray conv2d(NDArray x, Weights w, int stride, int padding) {
        NDArray weight = w.get("weight");
        NDArray bias = w.optional("bias");
        return x.getNDArrayInternal().convolution(x, weight, bias, new Shape(stride, stride),
                new Shape(padding, padding), ONE, 1).singletonOrThrow();
    }

    /**
     * nn.GroupNorm(groups, C, eps) on [B, C, H, W]: each group of C/groups channels normalised over its channels
     * and pixels together, then the per-channel affine. The normalisation is libtorch's layer_norm over the flattened
     * group (one fused kernel) with a unit scale; the channel affine follows.
     */
    public static NDArray groupNorm(NDArray x, Weights w, int groups, float eps, NormConstants constants) {
        Shape shape = x.getShape();
        long batch = shape.get(0);
        long channels = shape.get(1);
        long perGroup = shape.size() / batch / groups;
        NDArray grouped = x.reshape(batch, groups, perGroup);
        NDArray normal = grouped.getNDArrayInternal().layerNorm(grouped, new Shape(perGroup),
                constants.ones(perGroup, x), constants.zeros(perGroup, x), eps).singletonOrThrow();
        long[] affine = new long[shape.dimension()];
        java.util.Arrays.fill(affine, 1);
        affine[1] = channels;
        return normal.reshape(shape).muli(w.get("weight").reshape(affine)).addi(w.get("bias").reshape(affine));
    }

    /** nn.LayerNorm over the last axis. */
    public static NDArray layerNorm(NDArray x, Weights w, float eps) {
        long width = x.getShape().get(x.getShape().dimension() - 1);
        return x.getNDArrayInternal().layerNorm(x, new Shape(width), w.get("weight"), w.get("bias"), eps)
                .singletonOrThrow();
    }

    /**
     * silu(groupNorm(x)), the opening of every res block, keeping at most three activations of x's size alive (the
     * input, the normalised values and their sigmoid) instead of five: at 512 px the VAE decoder's activations are
     * 128-256 MB each.
     */
    public static NDArray normSilu(NDArray x, Weights w, int groups, float eps, NormConstants constants) {
        NDArray normal = groupNorm(x, w, groups, eps, constants);
        NDArray gate = Activation.sigmoid(normal);
        normal.muli(gate);
        gate.close();
        return normal;
    }

    /** A convolution whose input is a temporary: the input is freed as soon as the output exists. */
    public static NDArray conv2dConsuming(NDArray temporary, Weights w, int stride, int padding) {
        NDArray out = conv2d(temporary, w, stride, padding);
        temporary.close();
        return out;
    }

    /** SiLU / swish: x * sigmoid(x). */
    public static NDArray silu(NDArray x) {
        return x.mul(Activation.sigmoid(x));
    }

    /** GELU with the exact erf form (PyTorch's default, used by GEGLU). */
    public static NDArray gelu(NDArray x) {
        return x.getNDArrayInternal().gelu();
    }

    /** CLIP's quick_gelu: x * sigmoid(1.702 x). */
    public static NDArray quickGelu(NDArray x) {
        return x.mul(Activation.sigmoid(x.mul(1.702f)));
    }

    /** Nearest-neighbour upsampling by 2 on [B, C, H, W] (F.interpolate(scale_factor=2, mode="nearest")). */
    public static NDArray upsampleNearest2x(NDArray x) {
        return x.repeat(2, 2).repeat(3, 2);
    }

    /** Zero padding of one pixel on the right and bottom (F.pad(x, (0, 1, 0, 1))), as the VAE's downsampler does. */
    public static NDArray padRightBottom(NDArray x) {
        return x.pad(new Shape(0, 1, 0, 1), 0);
    }
}
