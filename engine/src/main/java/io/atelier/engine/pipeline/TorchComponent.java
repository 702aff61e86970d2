package io.atelier.engine.pipeline;

import ai.djl.Device;
import ai.djl.MalformedModelException;
import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.training.ParameterStore;
import io.atelier.engine.ModelLoadException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

/**
 * One TorchScript sub-model loaded through DJL's PyTorch engine, called as a block (no translator: the sub-model
 * classes build their own NDArrays). Closing it frees the native module.
 */
final class TorchComponent implements ModelComponent {
    private final String modelId;
    private final String name;
    private final Model model;
    private final DataType dataType;

    private TorchComponent(String modelId, String name, Model model, DataType dataType) {
        this.modelId = modelId;
        this.name = name;
        this.model = model;
        this.dataType = dataType;
    }

    static TorchComponent load(String modelId, String componentName, Path file, DeviceChoice device) {
        return load(modelId, componentName, file, device, false);
    }

    /**
     * @param writableParameters load the parameters as ordinary tensors (DJL's {@code trainParam}) with gradients off,
     *     so that they can be overwritten in place between forwards (LoRA slots); otherwise they are inference
     *     tensors, which libtorch refuses to update outside its inference mode
     */
    static TorchComponent load(String modelId, String componentName, Path file, DeviceChoice device,
                               boolean writableParameters) {
        Model model = Model.newInstance(modelId + "/" + componentName, device.device(), "PyTorch");
        try {
            // mapLocation places the weights on the chosen device whatever device they were saved from.
            model.load(file.getParent(), file.getFileName().toString(),
                    Map.of("mapLocation", Boolean.toString(!device.device().equals(Device.cpu())),
                            "trainParam", Boolean.toString(writableParameters)));
            if (writableParameters) {
                model.getBlock().getParameters().forEach(p -> p.getValue().getArray().setRequiresGradient(false));
            }
            return new TorchComponent(modelId, componentName, model, device.dataType());
        } catch (IOException | MalformedModelException | RuntimeException e) {
            model.close();
            throw new ModelLoadException(modelId, "Model '" + modelId + "': component " + componentName
                    + " is not a TorchScript file this engine can load.", e);
        }
    }

    String name() {
        return name;
    }

    /** float32 on CPU, float16 for float16 packages. */
    @Override
    public DataType dataType() {
        return dataType;
    }

    @Override
    public NDList forward(NDManager manager, NDList inputs) {
        return model.getBlock().forward(new ParameterStore(manager, false), inputs, false);
    }

    /** The module's parameters by their state_dict names, live: writing into them changes the module. */
    Map<String, NDArray> parameters() {
        Map<String, NDArray> parameters = new java.util.LinkedHashMap<>();
        for (var pair : model.getBlock().getParameters()) {
            parameters.put(pair.getKey(), pair.getValue().getArray());
        }
        return parameters;
    }

    /** True when some parameter belongs to a LoRA slot (see {@link LoraSlots}). */
    boolean hasLoraSlots() {
        return parameters().keySet().stream().anyMatch(name -> name.endsWith(".lora_up.weight"));
    }

    String modelId() {
        return modelId;
    }

    @Override
    public void close() {
        model.close();
    }
}
