package io.atelier.engine.pipeline;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import io.atelier.engine.ModelLoadException;
import io.atelier.engine.model.CheckpointFile;
import io.atelier.engine.safetensors.TensorSource;
import io.atelier.engine.sd.CheckpointSources;
import io.atelier.engine.sd.Sd1Model;
import java.io.IOException;
import java.util.List;
import java.util.function.Function;

/**
 * A checkpoint's networks seen as the pipeline's four components. They share one {@link Sd1Model}, which this
 * object owns: the components' own close does nothing, closing this frees the weights. For a batch with LoRAs the
 * components run over a view of it with merged tensors ({@link #use}), and over the base again after.
 */
final class CheckpointComponents implements AutoCloseable {
    private final Sd1Model base;
    private volatile Sd1Model model;

    private CheckpointComponents(Sd1Model base) {
        this.base = base;
        this.model = base;
    }

    Sd1Model base() {
        return base;
    }

    /** Runs the following forwards over {@code view} (a {@link Sd1Model#withReplaced} of the base). */
    void use(Sd1Model view) {
        model = view;
    }

    void useBase() {
        model = base;
    }

    static CheckpointComponents load(CheckpointFile checkpoint, DeviceChoice device) {
        String id = checkpoint.id();
        try (TensorSource file = CheckpointSources.open(checkpoint.file())) {
            return new CheckpointComponents(Sd1Model.load(file, checkpoint.config(), device.device(),
                    device.dataType()));
        } catch (IOException | RuntimeException e) {
            throw new ModelLoadException(id, "Model '" + id + "': the checkpoint "
                    + checkpoint.file().getFileName() + " cannot be read (" + LoadedModel.shortReason(e) + ").", e);
        }
    }

    List<ModelComponent> inContractOrder() {
        return List.of(
                component(inputs -> model.encodeText(inputs.get(0))),
                component(inputs -> model.predictNoise(inputs.get(0), inputs.get(1), inputs.get(2))),
                component(inputs -> model.decode(inputs.get(0))),
                component(inputs -> model.encodeMean(inputs.get(0))));
    }

    private ModelComponent component(Function<NDList, NDArray> forward) {
        return new ModelComponent() {
            @Override
            public NDList forward(NDManager manager, NDList inputs) {
                return new NDList(forward.apply(inputs));
            }

            @Override
            public DataType dataType() {
                return base.dataType();
            }

            @Override
            public void close() {
                // The shared model is closed by its owner.
            }
        };
    }

    @Override
    public void close() {
        base.close();
    }
}
