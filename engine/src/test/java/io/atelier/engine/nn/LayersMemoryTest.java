package io.atelier.engine.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The memory-saving forms of the layers (convolution in bands of rows, silu applied a slab of channels at a time)
 * compute what the plain forms compute. The real thresholds only trigger at 512 px on full-size weights, so these
 * run on small tensors with tiny bands and slabs, halo rows and image edges included.
 */
class LayersMemoryTest {
    private NDManager manager;

    @BeforeEach
    void open() {
        manager = NDManager.newBaseManager();
        manager.getEngine().setRandomSeed(7);
    }

    @AfterEach
    void close() {
        manager.close();
    }

    @Test
    void a_same_convolution_in_bands_of_rows_equals_the_whole_one_for_1x1_3x3_and_5x5_kernels() {
        NDArray x = manager.randomNormal(new Shape(2, 3, 17, 9));
        for (int kernel : new int[] {1, 3, 5}) {
            NDArray weight = manager.randomNormal(new Shape(4, 3, kernel, kernel));
            NDArray bias = manager.randomNormal(new Shape(4));
            int pad = kernel / 2;
            NDArray whole = x.getNDArrayInternal().convolution(x, weight, bias, new Shape(1, 1), new Shape(pad, pad),
                    new Shape(1, 1), 1).singletonOrThrow();
            for (long band : new long[] {1, 2 * 3 * 9 * 2, 2 * 3 * 9 * 5, 1L << 20}) {
                NDArray banded = Layers.convInBands(x, weight, bias, pad, band);
                assertEquals(whole.getShape(), banded.getShape());
                assertArrayEquals(whole.toFloatArray(), banded.toFloatArray(), 1e-5f, "kernel " + kernel + ", band "
                        + band);
            }
        }
    }

    @Test
    void silu_of_group_norm_by_slabs_of_channels_equals_it_in_one_go() {
        NDArray x = manager.randomNormal(new Shape(2, 8, 5, 6));
        Weights w = new Weights(Map.of("weight", manager.randomNormal(new Shape(8)),
                "bias", manager.randomNormal(new Shape(8))));
        NormConstants constants = new NormConstants(manager);
        NDArray normal = Layers.groupNorm(x, w, 4, 1e-6f, constants);
        float[] expected = normal.mul(Activation.sigmoid(normal)).toFloatArray();
        for (long slab : new long[] {1, 2 * 5 * 6 * 3, 1L << 20}) {
            assertArrayEquals(expected, Layers.normSilu(x, w, 4, 1e-6f, constants, slab).toFloatArray(), 1e-6f,
                    "slab " + slab);
        }
    }
}
