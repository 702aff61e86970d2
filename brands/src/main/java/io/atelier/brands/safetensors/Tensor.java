package io.atelier.brands.safetensors;

import io.atelier.engine.safetensors.TensorType;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * One named tensor: its type, shape and raw little-endian bytes, as a safetensors file holds it.
 *
 * @param name  key in the file, e.g. {@code lora_unet_mid_block_attn_to_q.lora_down.weight}
 * @param dtype element type
 * @param shape dimensions; empty for a scalar
 * @param data  {@code numel × dtype.bytes()} little-endian bytes
 */
public record Tensor(String name, TensorType dtype, long[] shape, byte[] data) {

    public Tensor {
        shape = shape.clone();
        if (numel(shape) * dtype.bytes() != data.length) {
            throw new IllegalArgumentException("tensor " + name + ": " + data.length + " bytes for shape "
                    + Arrays.toString(shape) + " of " + dtype);
        }
    }

    /** A float32 tensor from values in row-major order. */
    public static Tensor ofFloats(String name, long[] shape, float[] values) {
        ByteBuffer buffer = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        buffer.asFloatBuffer().put(values);
        return new Tensor(name, TensorType.F32, shape, buffer.array());
    }

    /** The values of a float32 tensor in row-major order. */
    public float[] floats() {
        if (dtype != TensorType.F32) {
            throw new IllegalStateException("tensor " + name + " is " + dtype + ", not F32");
        }
        float[] values = new float[data.length / 4];
        ByteBuffer.wrap(data).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(values);
        return values;
    }

    public static long numel(long[] shape) {
        long n = 1;
        for (long d : shape) {
            if (d < 0) {
                throw new IllegalArgumentException("negative dimension");
            }
            n = Math.multiplyExact(n, d);
        }
        return n;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Tensor t && name.equals(t.name) && dtype == t.dtype && Arrays.equals(shape, t.shape)
                && Arrays.equals(data, t.data);
    }

    @Override
    public int hashCode() {
        return name.hashCode() * 31 + Arrays.hashCode(data);
    }

    @Override
    public String toString() {
        return "Tensor[" + name + ", " + dtype + ", " + Arrays.toString(shape) + "]";
    }
}
