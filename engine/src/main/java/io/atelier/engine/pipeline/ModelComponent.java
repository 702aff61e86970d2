package io.atelier.engine.pipeline;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;

/**
 * One sub-model as the pipeline calls it: NDArrays in, NDArrays out, with the contract of contracts.md (text
 * encoder, UNet, VAE decoder, VAE encoder). A TorchScript file ({@link TorchComponent}) or a network implemented in
 * Java over a checkpoint's weights ({@link CheckpointComponents}) both fit.
 */
interface ModelComponent extends AutoCloseable {

    /** Runs the sub-model; results live on {@code manager}. */
    NDList forward(NDManager manager, NDList inputs);

    /** The floating point type the sub-model computes in; inputs are cast to it. */
    DataType dataType();

    @Override
    void close();
}
