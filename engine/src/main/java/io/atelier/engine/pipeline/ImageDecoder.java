package io.atelier.engine.pipeline;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;

/** vae_decoder(latents / latentScalingFactor [B, C, h, w]) -> image [B, 3, H, W] in [-1, 1]. */
final class ImageDecoder implements AutoCloseable {
    private final ModelComponent module;
    private final float latentScalingFactor;

    ImageDecoder(ModelComponent module, double latentScalingFactor) {
        this.module = module;
        this.latentScalingFactor = (float) latentScalingFactor;
    }

    /** Decodes B latents; returns B * 3 * H * W values in [-1, 1] and checks the expected image shape. */
    float[] decode(NDManager manager, float[] latents, Shape latentShape, Shape expectedImageShape) {
        try (NDManager step = manager.newSubManager()) {
            NDArray scaled = step.create(latents, latentShape).div(latentScalingFactor).toType(module.dataType(), false);
            NDArray image = module.forward(step, new NDList(scaled)).singletonOrThrow();
            if (!image.getShape().equals(expectedImageShape)) {
                throw new IllegalStateException("vaeDecoder answered " + image.getShape()
                        + " where " + expectedImageShape + " was expected");
            }
            return image.toType(DataType.FLOAT32, false).toFloatArray();
        }
    }

    @Override
    public void close() {
        module.close();
    }
}
