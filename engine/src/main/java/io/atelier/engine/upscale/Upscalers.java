package io.atelier.engine.upscale;

import ai.djl.Device;
import ai.djl.ndarray.NDManager;
import io.atelier.engine.ModelLoadException;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The installed super-resolution networks, each loaded on first use and kept (slim is ~1 MB of weights per scale,
 * thick ~28 MB). One instance per engine; safe to share between jobs, since a forward only reads its weights.
 */
public final class Upscalers implements AutoCloseable {
    public static final String DEFAULT_ID = "esrgan-slim";

    private final NDManager manager = NDManager.newBaseManager(Device.cpu());
    private final Map<String, UpscalerModel> loaded = new HashMap<>();

    /**
     * A manager for one job's tiles, on the device the weights live on (the CPU: a default base manager would pick
     * a GPU where DJL finds one, and a forward mixing devices fails).
     */
    public NDManager newJobManager() {
        return NDManager.newBaseManager(Device.cpu());
    }

    public Optional<UpscalerPackage> find(String id) {
        return UpscalerPackage.installedPackages().stream().filter(p -> p.id().equals(id)).findFirst();
    }

    /** The network of package {@code id} for one of {@link UpscalerPackage#SCALES}. */
    public synchronized UpscalerModel model(String id, int scale) {
        String key = id + "/x" + scale;
        UpscalerModel model = loaded.get(key);
        if (model == null) {
            UpscalerPackage pkg = find(id).orElseThrow(() -> new IllegalArgumentException("unknown upscaler " + id));
            try {
                model = new UpscalerModel(id, scale, pkg.range(), pkg.read(scale), manager);
            } catch (IOException e) {
                throw new ModelLoadException(id, "The upscaler " + id + " x" + scale + " could not be read.", e);
            }
            loaded.put(key, model);
        }
        return model;
    }

    @Override
    public synchronized void close() {
        loaded.values().forEach(UpscalerModel::close);
        loaded.clear();
        manager.close();
    }
}
