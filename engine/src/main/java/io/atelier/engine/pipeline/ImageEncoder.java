package io.atelier.engine.pipeline;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;

/** vae_encoder(image [B, 3, H, W] in [-1, 1]) -> latent mean, multiplied by latentScalingFactor here. */
final class ImageEncoder implements AutoCloseable {
    private final ModelComponent module;
    private final float latentScalingFactor;

    ImageEncoder(ModelComponent module, double latentScalingFactor) {
        this.module = module;
        this.latentScalingFactor = (float) latentScalingFactor;
    }

    float[] encode(NDManager manager, float[] pixels, Shape imageShape, Shape expectedLatentShape) {
        try (NDManager step = manager.newSubManager()) {
            NDArray image = step.create(pixels, imageShape).toType(module.dataType(), false);
            NDArray mean = module.forward(step, new NDList(image)).singletonOrThrow();
            if (!mean.getShape().equals(expectedLatentShape)) {
                throw new IllegalStateException("vaeEncoder answered " + mean.getShape()
                        + " where " + expectedLatentShape + " was expected");
            }
            return mean.toType(DataType.FLOAT32, false).mul(latentScalingFactor).toFloatArray();
        }
    }

    @Override
    public void close() {
        module.close();
    }
}
