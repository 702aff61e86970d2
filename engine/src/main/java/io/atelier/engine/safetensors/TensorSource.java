package io.atelier.engine.safetensors;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import java.io.IOException;
import java.util.Map;

/**
 * Named tensors a model is loaded from: one safetensors file, or several seen under one naming (a diffusers folder's
 * parts under the original checkpoint's names). See {@link SafeTensorsFile} for what each method promises.
 */
public interface TensorSource extends AutoCloseable {

    Map<String, TensorInfo> tensors();

    default TensorInfo info(String name) {
        TensorInfo info = tensors().get(name);
        if (info == null) {
            throw new IllegalArgumentException("no tensor named " + name);
        }
        return info;
    }

    /** The tensor in its stored type, sharing the mapped pages on a CPU: never write into it. */
    NDArray array(NDManager manager, String name) throws IOException;

    /** A converted copy on {@code device}, owned by {@code target}. */
    NDArray convertedArray(NDManager target, String name, DataType type, Device device) throws IOException;

    @Override
    void close() throws IOException;
}
