package io.atelier.engine.pipeline;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.types.DataType;
import java.util.Locale;

/**
 * Where a model runs and in which float type. The device is {@code ATELIER_DEVICE} (environment) or
 * {@code -Datelier.device}: {@code auto} (default: CUDA when DJL's PyTorch engine sees a GPU, else CPU), {@code cpu},
 * {@code cuda}, or {@code mps} (Apple silicon's GPU through PyTorch's Metal backend; not testable on our Linux
 * machines). Every device runs the same code: only the device and the float type differ.
 */
public record DeviceChoice(Device device, DataType dataType) {
    static final String PROPERTY = "atelier.device";
    static final String ENVIRONMENT = "ATELIER_DEVICE";

    /**
     * An atelier package: its dtype follows the package, since DJL cannot cast a loaded TorchScript module
     * ({@code PtSymbolBlock} has no cast); float16 packages ({@code "dtype": "float16"}) need a GPU.
     */
    public static DeviceChoice forPackage(String packageDtype) {
        Device device = chosenDevice();
        DataType dataType = "float16".equals(packageDtype) ? DataType.FLOAT16 : DataType.FLOAT32;
        return new DeviceChoice(device, dataType);
    }

    /**
     * A checkpoint run by the engine's own networks: float16 on a CUDA GPU (half the memory, the tensor cores),
     * float32 on a CPU (libtorch's CPU kernels are fastest and exact there) and on MPS (whose float16 group norms
     * are not trusted without a machine to test them on).
     */
    public static DeviceChoice forCheckpoint() {
        Device device = chosenDevice();
        return new DeviceChoice(device, device.isGpu() ? DataType.FLOAT16 : DataType.FLOAT32);
    }

    static Device chosenDevice() {
        String asked = System.getProperty(PROPERTY, System.getenv().getOrDefault(ENVIRONMENT, "auto"))
                .trim().toLowerCase(Locale.ROOT);
        return switch (asked) {
            case "cpu" -> Device.cpu();
            case "cuda", "gpu" -> Device.gpu();
            case "mps" -> Device.of("mps", -1);
            default -> Engine.getEngine("PyTorch").getGpuCount() > 0 ? Device.gpu() : Device.cpu();
        };
    }

    public boolean isGpu() {
        return device.isGpu();
    }
}
