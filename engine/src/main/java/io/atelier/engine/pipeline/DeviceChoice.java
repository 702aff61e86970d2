package io.atelier.engine.pipeline;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.types.DataType;

/**
 * Where a model runs and in which float type. CUDA when DJL's PyTorch engine sees a GPU, else CPU. The dtype follows
 * the package: DJL cannot cast a loaded TorchScript module ({@code PtSymbolBlock} has no cast), so float16 needs
 * components exported in float16 ({@code "dtype": "float16"} in model.json), which only a GPU can run.
 */
public record DeviceChoice(Device device, DataType dataType) {

    public static DeviceChoice forPackage(String packageDtype) {
        boolean gpu = Engine.getEngine("PyTorch").getGpuCount() > 0;
        Device device = gpu ? Device.gpu() : Device.cpu();
        DataType dataType = "float16".equals(packageDtype) ? DataType.FLOAT16 : DataType.FLOAT32;
        return new DeviceChoice(device, dataType);
    }

    /**
     * A checkpoint run by the engine's own networks: float16 on a GPU (half the memory, the tensor cores), float32
     * on a CPU (libtorch's CPU kernels are fastest and exact there). Same code on both: only these two differ.
     */
    public static DeviceChoice forCheckpoint() {
        boolean gpu = Engine.getEngine("PyTorch").getGpuCount() > 0;
        return gpu ? new DeviceChoice(Device.gpu(), DataType.FLOAT16) : new DeviceChoice(Device.cpu(), DataType.FLOAT32);
    }

    public boolean isGpu() {
        return device.isGpu();
    }
}
