package io.atelier.engine.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.index.NDIndex;
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
        long kernel = weight.getShape().get(2);
        if (stride == 1 && kernel == weight.getShape().get(3) && kernel % 2 == 1 && padding == kernel / 2
                && x.getShape().dimension() == 4 && x.getShape().size() > BANDED_CONV_ELEMENTS) {
            return convInBands(x, weight, bias, padding, BAND_ELEMENTS);
        }
        return x.getNDArrayInternal().convolution(x, weight, bias, new Shape(stride, stride),
                new Shape(padding, padding), ONE, 1).singletonOrThrow();
    }

    /** Inputs larger than this (32 M floats: 128 MB) are convolved in bands of rows. */
    private static final long BANDED_CONV_ELEMENTS = 32L << 20;
    /** Rows per band: about this many input floats (4 M: 16 MB). */
    private static final long BAND_ELEMENTS = 4L << 20;

    /**
     * A square-kernel, stride 1, "same" convolution (3×3 padding 1, 1×1 padding 0) computed a band of output rows at a
     * time, each from its input rows and {@code halo} rows on either side (zeros past the image), written into the
     * output. libtorch's CPU convolution copies
     * its whole input and output into its blocked layout and back: on the VAE decoder's 512 px activations (128-256
     * channels, 134-268 MB) that was 400 MB more at the decode's peak. Per output pixel the sum is the same.
     */
    static NDArray convInBands(NDArray x, NDArray weight, NDArray bias, int halo, long bandElements) {
        Shape shape = x.getShape();
        long batch = shape.get(0);
        long channels = shape.get(1);
        long height = shape.get(2);
        long width = shape.get(3);
        long rows = Math.max(1, bandElements / (batch * channels * width));
        NDArray out = x.getManager().create(new Shape(batch, weight.getShape().get(0), height, width),
                x.getDataType(), x.getDevice());
        for (long first = 0; first < height; first += rows) {
            long end = Math.min(height, first + rows);
            long from = Math.max(0, first - halo);
            long to = Math.min(height, end + halo);
            NDArray band = x.get(new NDIndex(":, :, {}:{}", from, to));
            // Rows the halo would take from past the image's edge are zeros, as the padding of the whole one.
            band = withZeroRows(band, halo - (first - from), halo - (to - end));
            try (NDArray input = band; NDArray rowsOut = input.getNDArrayInternal().convolution(input, weight, bias,
                    ONE, new Shape(0, halo), ONE, 1).singletonOrThrow()) {
                out.set(new NDIndex(":, :, {}:{}", first, end), rowsOut);
            }
        }
        return out;
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
        NDArray normal;
        try (NDArray grouped = x.reshape(batch, groups, perGroup)) {
            normal = grouped.getNDArrayInternal().layerNorm(grouped, new Shape(perGroup),
                    constants.ones(perGroup, x), constants.zeros(perGroup, x), eps).singletonOrThrow();
        }
        long[] affine = new long[shape.dimension()];
        java.util.Arrays.fill(affine, 1);
        affine[1] = channels;
        // The reshaped view keeps the storage; closing the handle it came from now (not at the end of the scope) lets
        // the storage go as soon as the caller closes the result, at 512 px 134-268 MB earlier.
        NDArray shaped = normal.reshape(shape);
        normal.close();
        try (NDArray scale = w.get("weight").reshape(affine); NDArray shift = w.get("bias").reshape(affine)) {
            return shaped.muli(scale).addi(shift);
        }
    }

    /** nn.LayerNorm over the last axis. */
    public static NDArray layerNorm(NDArray x, Weights w, float eps) {
        long width = x.getShape().get(x.getShape().dimension() - 1);
        return x.getNDArrayInternal().layerNorm(x, new Shape(width), w.get("weight"), w.get("bias"), eps)
                .singletonOrThrow();
    }

    /**
     * silu(groupNorm(x)), the opening of every res block, keeping two activations of x's size alive (the input and
     * the result) instead of five: at 512 px the VAE decoder's activations are 128-256 MB each. The sigmoid gate is
     * made and applied a slab of channels at a time, written back in place.
     */
    public static NDArray normSilu(NDArray x, Weights w, int groups, float eps, NormConstants constants) {
        return normSilu(x, w, groups, eps, constants, SILU_SLAB_ELEMENTS);
    }

    static NDArray normSilu(NDArray x, Weights w, int groups, float eps, NormConstants constants, long slabElements) {
        NDArray normal = groupNorm(x, w, groups, eps, constants);
        Shape shape = normal.getShape();
        long channels = shape.get(1);
        long perChannel = shape.size() / shape.get(0) / channels;
        long slab = Math.max(1, Math.min(channels, slabElements / Math.max(1, perChannel * shape.get(0))));
        if (slab >= channels) {
            NDArray gate = Activation.sigmoid(normal);
            normal.muli(gate);
            gate.close();
            return normal;
        }
        for (long start = 0; start < channels; start += slab) {
            NDIndex channelsOf = new NDIndex(":, {}:{}", start, Math.min(channels, start + slab));
            try (NDArray part = normal.get(channelsOf); NDArray gate = Activation.sigmoid(part);
                 NDArray gated = part.mul(gate)) {
                normal.set(channelsOf, gated);
            }
        }
        return normal;
    }

    private static NDArray withZeroRows(NDArray band, long above, long below) {
        if (above == 0 && below == 0) {
            return band;
        }
        Shape s = band.getShape();
        NDArray padded = band;
        if (above > 0) {
            try (NDArray zeros = band.getManager().zeros(new Shape(s.get(0), s.get(1), above, s.get(3)),
                    band.getDataType(), band.getDevice())) {
                padded = zeros.concat(padded, 2);
            }
        }
        if (below > 0) {
            try (NDArray zeros = band.getManager().zeros(new Shape(s.get(0), s.get(1), below, s.get(3)),
                    band.getDataType(), band.getDevice())) {
                NDArray more = padded.concat(zeros, 2);
                if (padded != band) {
                    padded.close();
                }
                padded = more;
            }
        }
        band.close();
        return padded;
    }

    /** Elements of the sigmoid gate made at once by {@link #normSilu} (4 M floats: 16 MB). */
    private static final long SILU_SLAB_ELEMENTS = 4L << 20;

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
        try (NDArray tall = x.repeat(2, 2)) {
            return tall.repeat(3, 2);
        }
    }

    /** Zero padding of one pixel on the right and bottom (F.pad(x, (0, 1, 0, 1))), as the VAE's downsampler does. */
    public static NDArray padRightBottom(NDArray x) {
        return x.pad(new Shape(0, 1, 0, 1), 0);
    }
}
