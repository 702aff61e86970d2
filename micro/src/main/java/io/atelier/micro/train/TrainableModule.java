package io.atelier.micro.train;

import ai.djl.MalformedModelException;
import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.nn.Parameter;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.engine.PtSymbolBlock;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.ParameterStore;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * One TorchScript component loaded for training: its parameters by their Python state_dict names,
 * a trainable subset, and a forward that switches the module between train and eval mode.
 */
public final class TrainableModule implements AutoCloseable {

    private final Model model;
    private final PtSymbolBlock block;
    private final Map<String, NDArray> parameters = new LinkedHashMap<>();
    private final Map<String, NDArray> trainable = new LinkedHashMap<>();
    private final ParameterStore parameterStore;
    private boolean lastForwardTraining;

    private TrainableModule(Model model) {
        this.model = model;
        this.block = (PtSymbolBlock) model.getBlock();
        this.parameterStore = new ParameterStore(model.getNDManager(), false);
        for (var pair : block.getParameters()) {
            parameters.put(pair.getKey(), pair.getValue().getArray());
        }
    }

    /**
     * Loads a scripted module with trainable parameters (VERIFIED-FACTS trap 1: the option is
     * {@code trainParam}; without it the module is loaded for inference and cannot be updated).
     */
    public static TrainableModule load(Path ptFile) {
        String fileName = ptFile.getFileName().toString();
        String prefix = fileName.endsWith(".pt") ? fileName.substring(0, fileName.length() - 3) : fileName;
        Model model = Model.newInstance(prefix, "PyTorch");
        try {
            model.load(ptFile.toAbsolutePath().getParent(), prefix, Map.of("trainParam", "true"));
        } catch (IOException e) {
            model.close();
            throw new UncheckedIOException(e);
        } catch (MalformedModelException e) {
            model.close();
            throw new IllegalStateException("not a TorchScript module: " + fileName, e);
        }
        return new TrainableModule(model);
    }

    /** Marks the parameters whose name matches as trainable and freezes every other one. */
    public TrainableModule trainOnly(Predicate<String> isTrainable) {
        trainable.clear();
        parameters.forEach((name, array) -> {
            boolean train = isTrainable.test(name);
            array.setRequiresGradient(train);
            if (train) {
                trainable.put(name, array);
            }
        });
        return this;
    }

    /** Parameters in Python's state_dict order, keyed by their state_dict names. */
    public Map<String, NDArray> parameters() {
        return parameters;
    }

    public Map<String, NDArray> trainableParameters() {
        return trainable;
    }

    public long parameterCount() {
        return parameters.values().stream().mapToLong(NDArray::size).sum();
    }

    /** Forward; {@code training} selects the module's train()/eval() mode as well. */
    public NDArray forward(boolean training, NDArray... inputs) {
        lastForwardTraining = training;
        NDList out = block.forward(parameterStore, new NDList(inputs), training, null);
        return out.singletonOrThrow();
    }

    /** Clears accumulated gradients of the trainable parameters (VERIFIED-FACTS trap 6). */
    public void zeroGradients() {
        for (NDArray array : trainable.values()) {
            JniUtils.zeroGrad((PtNDArray) array);
        }
    }

    /** Copies values into the named parameters in place (checkpoint resume, EMA export). */
    public void loadValues(Map<String, NDArray> values) {
        for (Map.Entry<String, NDArray> e : values.entrySet()) {
            NDArray target = parameters.get(e.getKey());
            if (target == null) {
                throw new IllegalArgumentException("unknown parameter " + e.getKey());
            }
            if (!target.getShape().equals(e.getValue().getShape())) {
                throw new IllegalArgumentException("shape mismatch for " + e.getKey());
            }
            target.set(e.getValue().toByteBuffer());
        }
    }

    /** Snapshot of every parameter, detached from this module, owned by {@code manager}'s caller. */
    public List<NDArray> copyParameters(ai.djl.ndarray.NDManager manager) {
        List<NDArray> copies = new ArrayList<>();
        parameters.forEach((name, array) -> {
            NDArray copy = manager.create(array.toFloatArray(), array.getShape());
            copy.setName(name);
            copies.add(copy);
        });
        return copies;
    }

    /** Writes the module (eval mode, so scripted {@code self.training} branches are off) as a .pt file. */
    public void writeTo(Path file) {
        JniUtils.enableInferenceMode(block);
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            try (OutputStream os = Files.newOutputStream(file)) {
                JniUtils.writeModule(block, os, false);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        // PtSymbolBlock caches the mode it last set; restore that mode so its cache stays true.
        if (lastForwardTraining) {
            JniUtils.enableTrainingMode(block);
        }
    }

    public ai.djl.ndarray.NDManager manager() {
        return model.getNDManager();
    }

    @Override
    public void close() {
        model.close();
    }
}
