package io.atelier.engine.safetensors;

import java.util.Arrays;

/**
 * One tensor as a safetensors header describes it.
 *
 * @param begin first byte, relative to the start of the data section
 * @param end one past the last byte, relative to the start of the data section
 */
public record TensorInfo(String name, TensorType type, long[] shape, long begin, long end) {

    public long elementCount() {
        long n = 1;
        for (long d : shape) {
            n *= d;
        }
        return n;
    }

    public long byteLength() {
        return end - begin;
    }

    public String shapeText() {
        return Arrays.toString(shape);
    }
}
