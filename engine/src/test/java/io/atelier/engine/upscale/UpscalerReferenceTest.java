package io.atelier.engine.upscale;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The Java port against TF.js itself: {@code tools/upscale/reference.mjs} ran each package's network under
 * @tensorflow/tfjs 4.11 (the version the packages declare) on a fixed 12×12 input and wrote the outputs as float32
 * NHWC in 0..1; the same input through {@link KerasGraph} must give the same values within 1e-3.
 */
class UpscalerReferenceTest {
    private static final int SIZE = 12;
    private static final Upscalers UPSCALERS = new Upscalers();

    static Stream<Arguments> models() {
        return UpscalerPackage.KNOWN.stream()
                .flatMap(p -> UpscalerPackage.SCALES.stream().map(s -> Arguments.of(p.id(), s)));
    }

    @ParameterizedTest(name = "{0} x{1}")
    @MethodSource("models")
    void network_reproduces_tfjs_output(String id, int scale) throws IOException {
        assumeTrue(UPSCALERS.find(id).isPresent(), id + " weights not built (-Datelier.upscalers.skip)");
        float[] input = nhwcToNchw(read("input-12x12.f32"), SIZE, SIZE);
        float[] expected = nhwcToNchw(read(id + "-x" + scale + ".f32"), SIZE * scale, SIZE * scale);
        float[] actual;
        try (NDManager manager = UPSCALERS.newJobManager()) {
            actual = UPSCALERS.model(id, scale)
                    .upscale(manager.create(input, new Shape(1, 3, SIZE, SIZE))).toFloatArray();
        }
        float worst = 0;
        for (int i = 0; i < expected.length; i++) {
            worst = Math.max(worst, Math.abs(expected[i] - actual[i]));
        }
        System.out.printf("%s x%d: max |java - tfjs| = %.2e%n", id, scale, worst);
        assertTrue(worst < 1e-3, id + " x" + scale + " differs from TF.js by " + worst);
        assertArrayEquals(expected, actual, 1e-3f);
    }

    @AfterAll
    static void close() {
        UPSCALERS.close();
    }

    static float[] read(String name) throws IOException {
        try (InputStream in = UpscalerReferenceTest.class.getResourceAsStream("/upscale-reference/" + name)) {
            byte[] bytes = in.readAllBytes();
            float[] values = new float[bytes.length / 4];
            ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(values);
            return values;
        }
    }

    static float[] nhwcToNchw(float[] nhwc, int height, int width) {
        float[] nchw = new float[nhwc.length];
        int plane = height * width;
        for (int p = 0; p < plane; p++) {
            for (int c = 0; c < 3; c++) {
                nchw[c * plane + p] = nhwc[p * 3 + c];
            }
        }
        return nchw;
    }
}
