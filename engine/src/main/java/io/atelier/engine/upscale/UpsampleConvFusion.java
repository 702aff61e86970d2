package io.atelier.engine.upscale;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Rewrites "nearest UpSampling2D ×s, then a 3×3 'same' Conv2D" (the RDN packages' last two layers) into an exactly
 * equivalent "3×3 Conv2D at the low resolution with s² phases of output channels, then pixel shuffle". Each output
 * pixel (s·h+i, s·w+j) of the original sees the upsampled map at offsets dy, dx ∈ {-1, 0, 1}, i.e. the low-resolution
 * pixel (h + ⌊(i+dy)/s⌋, w + ⌊(j+dx)/s⌋): summing the kernel taps that land on the same low-resolution pixel gives one
 * 3×3 kernel per phase (i, j). Zero padding agrees (a padded high-resolution row maps to a padded low-resolution
 * one). Same result to float rounding, without ever building the s²-times larger 48-channel map, which dominated the
 * memory traffic of a tile.
 */
final class UpsampleConvFusion {
    private UpsampleConvFusion() {
    }

    static TfjsLayersModel apply(TfjsLayersModel model) {
        Map<String, Integer> readers = new HashMap<>();
        Map<String, KerasLayer> byName = new HashMap<>();
        for (KerasLayer layer : model.layers()) {
            byName.put(layer.name(), layer);
            layer.inputs().forEach(input -> readers.merge(input, 1, Integer::sum));
        }
        List<KerasLayer> layers = new ArrayList<>();
        Map<String, TfjsLayersModel.TensorData> weights = new HashMap<>(model.weights());
        for (KerasLayer layer : model.layers()) {
            KerasLayer up = layer.type().equals("Conv2D") ? byName.get(layer.inputs().get(0)) : null;
            boolean fusable = up != null && up.type().equals("UpSampling2D") && layer.kernel() == 3
                    && layer.samePad() && readers.getOrDefault(up.name(), 0) == 1
                    && !up.name().equals(model.outputLayer());
            if (!fusable) {
                if (!(layer.type().equals("UpSampling2D") && isFusedAway(layer, model, byName, readers))) {
                    layers.add(layer);
                }
                continue;
            }
            String phases = layer.name() + "/phases";
            int s = up.factor();
            weights.put(phases + "/kernel", phaseKernel(model.weights().get(layer.name() + "/kernel"), s));
            weights.put(phases + "/bias", tiledBias(model.weights().get(layer.name() + "/bias"), s * s));
            layers.add(new KerasLayer("Conv2D", phases, List.of(up.inputs().get(0)), 3, true, layer.activation(),
                    1, 1f));
            layers.add(new KerasLayer("PixelShuffle", layer.name(), List.of(phases), 0, false, "linear", s, 1f));
        }
        return new TfjsLayersModel(List.copyOf(layers), model.outputLayer(), weights);
    }

    private static boolean isFusedAway(KerasLayer up, TfjsLayersModel model, Map<String, KerasLayer> byName,
                                       Map<String, Integer> readers) {
        if (readers.getOrDefault(up.name(), 0) != 1 || up.name().equals(model.outputLayer())) {
            return false;
        }
        return model.layers().stream().anyMatch(l -> l.type().equals("Conv2D") && l.kernel() == 3 && l.samePad()
                && l.inputs().get(0).equals(up.name()));
    }

    /** HWIO [3, 3, C, O] → [3, 3, C, s²·O], output channel (i·s + j)·O + o for phase (i, j). */
    static TfjsLayersModel.TensorData phaseKernel(TfjsLayersModel.TensorData kernel, int s) {
        int in = (int) kernel.shape()[2];
        int out = (int) kernel.shape()[3];
        int phasedOut = s * s * out;
        float[] k = kernel.values();
        float[] fused = new float[9 * in * phasedOut];
        for (int i = 0; i < s; i++) {
            for (int j = 0; j < s; j++) {
                for (int dy = -1; dy <= 1; dy++) {
                    for (int dx = -1; dx <= 1; dx++) {
                        int ly = Math.floorDiv(i + dy, s) + 1;
                        int lx = Math.floorDiv(j + dx, s) + 1;
                        for (int c = 0; c < in; c++) {
                            for (int o = 0; o < out; o++) {
                                float tap = k[(((dy + 1) * 3 + (dx + 1)) * in + c) * out + o];
                                fused[((ly * 3 + lx) * in + c) * phasedOut + (i * s + j) * out + o] += tap;
                            }
                        }
                    }
                }
            }
        }
        return new TfjsLayersModel.TensorData(new long[] {3, 3, in, phasedOut}, fused);
    }

    private static TfjsLayersModel.TensorData tiledBias(TfjsLayersModel.TensorData bias, int copies) {
        float[] b = bias.values();
        float[] tiled = new float[b.length * copies];
        for (int p = 0; p < copies; p++) {
            System.arraycopy(b, 0, tiled, p * b.length, b.length);
        }
        return new TfjsLayersModel.TensorData(new long[] {tiled.length}, tiled);
    }
}
