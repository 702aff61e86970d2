package io.atelier.engine.sd;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import io.atelier.engine.safetensors.SafeTensorsFile;
import io.atelier.engine.safetensors.TensorInfo;
import io.atelier.engine.safetensors.TensorSource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A diffusers pipeline folder ({@code unet/}, {@code vae/}, {@code text_encoder/}, each with a {@code .safetensors}
 * file) seen as one checkpoint in the original layout: every tensor is renamed through {@link DiffusersNames}, so the
 * same inspector, networks and LoRA code serve both forms. The architecture is read from the parts' shapes (their
 * config.json files are not needed); pickled {@code .bin} parts are refused, never opened.
 */
public final class DiffusersFolder implements TensorSource {
    /** A diffusers folder holds the same weights under these names, in preference order. */
    private static final List<String> WEIGHT_FILES = List.of("diffusion_pytorch_model.safetensors",
            "model.safetensors", "diffusion_pytorch_model.fp16.safetensors", "model.fp16.safetensors");
    private static final String POSITION_IDS = "text_model.embeddings.position_ids";

    private record Origin(SafeTensorsFile file, String name) {
    }

    private final List<SafeTensorsFile> files;
    private final Map<String, TensorInfo> tensors;
    private final Map<String, Origin> origins;

    private DiffusersFolder(List<SafeTensorsFile> files, Map<String, TensorInfo> tensors, Map<String, Origin> origins) {
        this.files = files;
        this.tensors = Collections.unmodifiableMap(tensors);
        this.origins = origins;
    }

    /** True when {@code folder} has the three parts of a diffusers Stable Diffusion pipeline. */
    public static boolean looksLikeOne(Path folder) {
        return List.of(DiffusersNames.Part.values()).stream()
                .allMatch(part -> Files.isDirectory(folder.resolve(part.folder())));
    }

    /** The weight file of each part (the UNet's first), for hashing and revisions. */
    public static List<Path> weightFiles(Path folder) {
        List<Path> found = new ArrayList<>();
        for (DiffusersNames.Part part : DiffusersNames.Part.values()) {
            weightFile(folder, part).ifPresent(found::add);
        }
        return found;
    }

    private static java.util.Optional<Path> weightFile(Path folder, DiffusersNames.Part part) {
        return WEIGHT_FILES.stream().map(name -> folder.resolve(part.folder()).resolve(name))
                .filter(Files::isRegularFile).findFirst();
    }

    /**
     * Opens the three parts and renames their tensors.
     *
     * @throws LayoutException when a part is missing, pickled only, or its tensors do not fit SD-1.x
     */
    public static DiffusersFolder open(Path folder) throws IOException {
        List<SafeTensorsFile> opened = new ArrayList<>();
        try {
            Map<DiffusersNames.Part, SafeTensorsFile> parts = new LinkedHashMap<>();
            for (DiffusersNames.Part part : DiffusersNames.Part.values()) {
                Path file = weightFile(folder, part).orElseThrow(() -> new LayoutException(
                        Files.isRegularFile(folder.resolve(part.folder()).resolve(part == DiffusersNames.Part.TEXT_ENCODER
                                ? "pytorch_model.bin" : "diffusion_pytorch_model.bin"))
                                ? "its " + part.folder() + " is a pickle (.bin), which is refused: loading one can run"
                                        + " code hidden in it; convert the folder to .safetensors"
                                : "its " + part.folder() + " folder holds no .safetensors weights"));
                SafeTensorsFile st = SafeTensorsFile.open(file);
                opened.add(st);
                parts.put(part, st);
            }
            Sd1Config config = DiffusersLayout.infer(parts);
            DiffusersNames names = DiffusersNames.of(config);
            Map<String, TensorInfo> renamed = new LinkedHashMap<>();
            Map<String, Origin> origins = new LinkedHashMap<>();
            for (Map.Entry<DiffusersNames.Part, SafeTensorsFile> part : parts.entrySet()) {
                for (TensorInfo info : part.getValue().tensors().values()) {
                    if (info.name().equals(POSITION_IDS)) {
                        continue;
                    }
                    String target = names.checkpointTensor(part.getKey(), info.name()).orElseThrow(() ->
                            new LayoutException("tensor '" + part.getKey().folder() + "/" + info.name()
                                    + "' is not part of an SD-1.x model"));
                    renamed.put(target, new TensorInfo(target, info.type(), info.shape(), info.begin(), info.end()));
                    origins.put(target, new Origin(part.getValue(), info.name()));
                }
            }
            return new DiffusersFolder(opened, renamed, origins);
        } catch (IOException | RuntimeException e) {
            for (SafeTensorsFile file : opened) {
                file.close();
            }
            throw e;
        }
    }

    @Override
    public Map<String, TensorInfo> tensors() {
        return tensors;
    }

    @Override
    public NDArray array(NDManager manager, String name) throws IOException {
        Origin origin = origin(name);
        return origin.file().array(manager, origin.name());
    }

    @Override
    public NDArray convertedArray(NDManager target, String name, DataType type, Device device) throws IOException {
        Origin origin = origin(name);
        return origin.file().convertedArray(target, origin.name(), type, device);
    }

    private Origin origin(String name) {
        Origin origin = origins.get(name);
        if (origin == null) {
            throw new IllegalArgumentException("no tensor named " + name);
        }
        return origin;
    }

    @Override
    public void close() throws IOException {
        for (SafeTensorsFile file : files) {
            file.close();
        }
    }
}
