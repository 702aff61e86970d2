package io.atelier.micro.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import io.atelier.micro.model.AtelierMicroModel;
import io.atelier.micro.model.ModelManifest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Writes the model package: the four TorchScript components (saved from Java, loadable by Python
 * too), tokenizer.json, and model.json with each file's sha256. Written into a sibling temp folder
 * and swapped in, so a reader never sees half a package.
 */
public final class PackageExporter {

    private PackageExporter() {}

    /** A component to write, with optional replacement weights (e.g. EMA shadows) for the file only. */
    public record Component(String fileName, TrainableModule module, Map<String, NDArray> weightsOrNull) {}

    public static void export(Path packageDir, Path tokenizerJson, ModelManifest.Settings settings, Component... components) {
        Path tmp = packageDir.resolveSibling(packageDir.getFileName() + ".tmp");
        try {
            Checkpoint.deleteRecursively(tmp);
            Files.createDirectories(tmp);
            for (Component c : components) {
                writeComponent(tmp.resolve(c.fileName()), c.module(), c.weightsOrNull());
            }
            Files.copy(tokenizerJson, tmp.resolve(AtelierMicroModel.TOKENIZER), StandardCopyOption.REPLACE_EXISTING);
            ModelManifest.write(tmp, settings);
            Files.createDirectories(packageDir);
            for (String name : AtelierMicroModel.FILES) {
                Files.move(tmp.resolve(name), packageDir.resolve(name), StandardCopyOption.REPLACE_EXISTING);
            }
            Checkpoint.deleteRecursively(tmp);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void writeComponent(Path file, TrainableModule module, Map<String, NDArray> weights) {
        if (weights == null) {
            module.writeTo(file);
            return;
        }
        try (NDManager backupScope = module.manager().newSubManager()) {
            Map<String, NDArray> backup = new LinkedHashMap<>();
            for (String name : weights.keySet()) {
                NDArray current = module.parameters().get(name);
                backup.put(name, backupScope.create(current.toFloatArray(), current.getShape()));
            }
            module.loadValues(weights);
            module.writeTo(file);
            module.loadValues(backup);
        }
    }
}
