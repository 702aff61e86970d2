package io.atelier.engine.pipeline;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;

/**
 * unet(sample float [B, C, h, w], timestep float [B], encoder_hidden_states float [B, L, hidden]) -> [B, C, h, w].
 * One call runs the whole batch: every image of every batched request, conditional and unconditional rows together.
 */
final class Denoiser implements AutoCloseable {
    private final ModelComponent module;

    Denoiser(ModelComponent module) {
        this.module = module;
    }

    /**
     * @param samples B * C * h * w values, row-major
     * @param timesteps B values
     * @param context B * L * hidden values
     * @return the model output, B * C * h * w values
     */
    float[] predict(NDManager manager, float[] samples, Shape sampleShape, float[] timesteps, float[] context,
                    Shape contextShape) {
        try (NDManager step = manager.newSubManager()) {
            DataType type = module.dataType();
            NDArray sample = step.create(samples, sampleShape).toType(type, false);
            NDArray time = step.create(timesteps, new Shape(timesteps.length)).toType(type, false);
            NDArray hidden = step.create(context, contextShape).toType(type, false);
            NDArray output = module.forward(step, new NDList(sample, time, hidden)).singletonOrThrow();
            if (!output.getShape().equals(sampleShape)) {
                throw new IllegalStateException("unet answered " + output.getShape() + " for " + sampleShape);
            }
            return output.toType(DataType.FLOAT32, false).toFloatArray();
        }
    }

    @Override
    public void close() {
        module.close();
    }
}
