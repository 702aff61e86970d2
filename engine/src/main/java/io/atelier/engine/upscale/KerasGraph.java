package io.atelier.engine.upscale;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs a {@link TfjsLayersModel} over DJL NDArrays. Keras computes channels-last (NHWC); libtorch's convolution is
 * channels-first, so activations here are NCHW and each Keras op is translated to its NCHW equivalent: kernels
 * HWIO → OIHW once at load, concatenation on axis 1, TF's depthToSpace re-indexed (see {@link #pixelShuffle}).
 * Each intermediate is closed as soon as its last reader has run, so a forward holds only the live activations.
 */
public final class KerasGraph implements AutoCloseable {
    private static final Shape ONE = new Shape(1, 1);

    private final List<KerasLayer> layers;
    private final String output;
    private final NDManager weights;
    private final Map<String, NDArray> kernels = new HashMap<>();
    private final Map<String, NDArray> biases = new HashMap<>();
    private final Map<String, Integer> readers = new HashMap<>();

    public KerasGraph(TfjsLayersModel model, NDManager parent) {
        model = UpsampleConvFusion.apply(model);
        this.layers = model.layers();
        this.output = model.outputLayer();
        this.weights = parent.newSubManager();
        for (KerasLayer layer : layers) {
            for (String input : layer.inputs()) {
                readers.merge(input, 1, Integer::sum);
            }
            if (layer.type().equals("Conv2D")) {
                TfjsLayersModel.TensorData kernel = model.weights().get(layer.name() + "/kernel");
                TfjsLayersModel.TensorData bias = model.weights().get(layer.name() + "/bias");
                if (kernel == null || bias == null) {
                    throw new IllegalArgumentException("weights of layer " + layer.name() + " missing");
                }
                NDArray hwio = weights.create(kernel.values(), new Shape(kernel.shape()));
                kernels.put(layer.name(), hwio.transpose(3, 2, 0, 1).duplicate());
                hwio.close();
                biases.put(layer.name(), weights.create(bias.values(), new Shape(bias.shape())));
            }
        }
        readers.merge(output, 1, Integer::sum);
    }

    /**
     * The network on a batch [B, 3, H, W] in the model's own value range; the result [B, 3, sH, sW] lands on the
     * input's manager and every intermediate is freed before returning.
     */
    public NDArray forward(NDArray input) {
        NDManager caller = input.getManager();
        try (NDManager scope = caller.newSubManager()) {
            Map<String, NDArray> values = new HashMap<>();
            Map<String, Integer> remaining = new HashMap<>(readers);
            for (KerasLayer layer : layers) {
                NDArray result = layer.type().equals("InputLayer") ? input : apply(layer, values, scope);
                values.put(layer.name(), result);
                for (String name : layer.inputs()) {
                    if (remaining.merge(name, -1, Integer::sum) == 0 && values.get(name) != input) {
                        values.remove(name).close();
                    }
                }
            }
            NDArray result = values.get(output);
            result.attach(caller);
            return result;
        }
    }

    private NDArray apply(KerasLayer layer, Map<String, NDArray> values, NDManager scope) {
        NDArray first = values.get(layer.inputs().get(0));
        NDArray result = switch (layer.type()) {
            case "Conv2D" -> {
                int pad = layer.samePad() ? layer.kernel() / 2 : 0;
                NDArray y = first.getNDArrayInternal().convolution(first, kernels.get(layer.name()),
                        biases.get(layer.name()), ONE, new Shape(pad, pad), ONE, 1).singletonOrThrow();
                yield layer.activation().equals("relu") ? Activation.relu(y) : y;
            }
            case "Activation" -> layer.activation().equals("relu") ? Activation.relu(first) : first.duplicate();
            case "Add" -> {
                NDArray sum = first.add(values.get(layer.inputs().get(1)));
                for (int i = 2; i < layer.inputs().size(); i++) {
                    sum.addi(values.get(layer.inputs().get(i)));
                }
                yield sum;
            }
            case "Concatenate" -> {
                NDList parts = new NDList();
                layer.inputs().forEach(name -> parts.add(values.get(name)));
                yield NDArrays.concat(parts, 1);
            }
            case "MultiplyBeta" -> first.mul(layer.beta());
            case "UpSampling2D" -> first.repeat(2, layer.factor()).repeat(3, layer.factor());
            case "PixelShuffle" -> pixelShuffle(first, layer.factor());
            default -> throw new IllegalStateException("unsupported layer " + layer.type());
        };
        result.attach(scope);
        return result;
    }

    /**
     * TF's depthToSpace(x, s, 'NHWC'): out[b, h*s+i, w*s+j, c] = in[b, h, w, (i*s + j)*C + c]. In NCHW the input's
     * channel axis splits as (i, j, c), which then interleave with h and w. (PyTorch's pixel_shuffle splits it as
     * (c, i, j) instead, so it cannot be used here.)
     */
    static NDArray pixelShuffle(NDArray x, int s) {
        Shape shape = x.getShape();
        long batch = shape.get(0);
        long channels = shape.get(1) / (s * (long) s);
        long height = shape.get(2);
        long width = shape.get(3);
        return x.reshape(batch, s, s, channels, height, width)
                .transpose(0, 3, 4, 1, 5, 2)
                .reshape(batch, channels, height * s, width * s);
    }

    @Override
    public void close() {
        weights.close();
    }
}
