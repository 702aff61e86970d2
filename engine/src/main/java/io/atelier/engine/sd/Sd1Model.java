package io.atelier.engine.sd;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import io.atelier.engine.nn.NormConstants;
import io.atelier.engine.nn.Weights;
import io.atelier.engine.safetensors.TensorSource;
import io.atelier.engine.safetensors.TensorInfo;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;

/**
 * An SD-1.x checkpoint's three networks over weights read straight from its safetensors file. On a CPU in float32
 * the weights stay the file's own memory-mapped pages (no copy); any other type or device converts one tensor at a
 * time, so at most one tensor exists twice during loading. The same code runs on every device: only the device and
 * the compute type differ (float32 on CPU, float16 on a GPU).
 */
public final class Sd1Model implements AutoCloseable {
    private final Sd1Config config;
    private final NDManager manager;
    private final boolean ownsWeights;
    private final DataType type;
    private final Map<String, NDArray> parameters;
    private final NormConstants norms;
    private final ClipTextModel text;
    private final UNet unet;
    private final Autoencoder vae;

    private Sd1Model(Sd1Config config, NDManager manager, boolean ownsWeights, DataType type,
                     Map<String, NDArray> parameters, NormConstants norms) {
        this.config = config;
        this.manager = manager;
        this.ownsWeights = ownsWeights;
        this.type = type;
        this.parameters = parameters;
        this.norms = norms;
        Weights weights = new Weights(parameters);
        this.text = new ClipTextModel(config.text(), weights);
        this.unet = new UNet(config.unet(), weights, norms);
        this.vae = new Autoencoder(config.vae(), weights, norms);
    }

    /** Loads every tensor of the architecture (the file was checked by {@link CheckpointInspector}). */
    public static Sd1Model load(TensorSource file, Sd1Config config, Device device, DataType type)
            throws IOException {
        NDManager manager = NDManager.newBaseManager(device);
        try {
            Map<String, NDArray> arrays = new HashMap<>();
            for (Map.Entry<String, long[]> expected : Sd1Layout.expectedShapes(config).entrySet()) {
                arrays.put(expected.getKey(), tensor(file, manager, expected.getKey(), expected.getValue(), device,
                        type));
            }
            return new Sd1Model(config, manager, true, type, arrays, new NormConstants(manager));
        } catch (IOException | RuntimeException e) {
            manager.close();
            throw e;
        }
    }

    private static NDArray tensor(TensorSource file, NDManager manager, String name, long[] shape, Device device,
                                  DataType type) throws IOException {
        TensorInfo info = file.info(name);
        // A float32 tensor on the CPU is used in place from the mapping; anything else is converted one at a time.
        boolean zeroCopy = device.equals(Device.cpu()) && info.type().dataType() == type;
        NDArray stored = zeroCopy ? file.array(manager, name) : file.convertedArray(manager, name, type, device);
        return stored.getShape().dimension() == shape.length ? stored : stored.reshape(new Shape(shape));
    }

    public Sd1Config config() {
        return config;
    }

    public DataType dataType() {
        return type;
    }

    public Device device() {
        return manager.getDevice();
    }

    /**
     * A parameter by its checkpoint name, as the forwards use it. On a CPU in float32 it is the file's read-only
     * mapping: never write into it.
     */
    public NDArray parameter(String name) {
        NDArray array = parameters.get(name);
        if (array == null) {
            throw new IllegalArgumentException("no parameter " + name);
        }
        return array;
    }

    /**
     * The same networks with some parameters replaced (merged LoRA weights, say), sharing every other one. Nothing
     * of this model changes; closing the view frees nothing (the replacements belong to the caller).
     *
     * @param replaced parameters by checkpoint name, each shaped and typed as the one it replaces
     */
    public Sd1Model withReplaced(Map<String, NDArray> replaced) {
        Map<String, NDArray> view = new HashMap<>(parameters);
        replaced.forEach((name, array) -> {
            NDArray original = parameter(name);
            if (!original.getShape().equals(array.getShape()) || original.getDataType() != array.getDataType()) {
                throw new IllegalArgumentException(name + " is " + original.getShape() + " " + original.getDataType()
                        + "; its replacement is " + array.getShape() + " " + array.getDataType());
            }
            view.put(name, array);
        });
        return new Sd1Model(config, manager, false, type, view, norms);
    }

    /** Token ids int64 [B, L] to the last hidden state [B, L, width]. */
    public NDArray encodeText(NDArray ids) {
        return text.forward(ids);
    }

    /** Predicted noise for latents [B, 4, h, w] at timesteps [B] given text states [B, L, width]. */
    public NDArray predictNoise(NDArray sample, NDArray timesteps, NDArray context) {
        return unet.forward(sample, timesteps, context);
    }

    /** Raw latents (already divided by the scaling factor) to images in about [-1, 1]. */
    public NDArray decode(NDArray latents) {
        return vae.decode(latents);
    }

    /** Images in [-1, 1] to the latent mean, not yet multiplied by the scaling factor. */
    public NDArray encodeMean(NDArray images) {
        return vae.encodeMean(images);
    }

    @Override
    public void close() {
        if (ownsWeights) {
            manager.close();
        }
    }
}
