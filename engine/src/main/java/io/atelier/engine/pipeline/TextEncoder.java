package io.atelier.engine.pipeline;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;

/** text_encoder(input_ids int64 [B, L]) -> float [B, L, hidden]: the conditioning the UNet attends to. */
final class TextEncoder implements AutoCloseable {
    private final ModelComponent module;

    TextEncoder(ModelComponent module) {
        this.module = module;
    }

    /** One row of hidden states per token-id row, as float32 in row-major order. */
    float[][] encode(NDManager manager, long[][] ids) {
        int rows = ids.length;
        int length = ids[0].length;
        long[] flat = new long[rows * length];
        for (int r = 0; r < rows; r++) {
            System.arraycopy(ids[r], 0, flat, r * length, length);
        }
        try (NDManager step = manager.newSubManager()) {
            NDArray input = step.create(flat, new Shape(rows, length));
            NDArray hidden = module.forward(step, new NDList(input)).singletonOrThrow();
            float[] values = hidden.toType(DataType.FLOAT32, false).toFloatArray();
            int perRow = values.length / rows;
            float[][] result = new float[rows][perRow];
            for (int r = 0; r < rows; r++) {
                System.arraycopy(values, r * perRow, result[r], 0, perRow);
            }
            return result;
        }
    }

    Shape outputShape(NDManager manager, int length) {
        try (NDManager step = manager.newSubManager()) {
            NDArray input = step.zeros(new Shape(1, length), DataType.INT64);
            return module.forward(step, new NDList(input)).singletonOrThrow().getShape();
        }
    }

    @Override
    public void close() {
        module.close();
    }
}
