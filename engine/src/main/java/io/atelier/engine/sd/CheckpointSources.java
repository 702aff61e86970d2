package io.atelier.engine.sd;

import io.atelier.engine.safetensors.SafeTensorsFile;
import io.atelier.engine.safetensors.TensorSource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Opens a checkpoint in either form it is shared in: one {@code .safetensors} file, or a diffusers folder. */
public final class CheckpointSources {
    private CheckpointSources() {
    }

    public static TensorSource open(Path fileOrFolder) throws IOException {
        return Files.isDirectory(fileOrFolder) ? DiffusersFolder.open(fileOrFolder) : SafeTensorsFile.open(fileOrFolder);
    }

    /** Sizes and modification times of the weight files: a replaced file gives another revision. */
    public static String revision(Path fileOrFolder) throws IOException {
        StringBuilder revision = new StringBuilder();
        for (Path file : Files.isDirectory(fileOrFolder) ? DiffusersFolder.weightFiles(fileOrFolder)
                : java.util.List.of(fileOrFolder)) {
            revision.append(Files.size(file)).append('@').append(Files.getLastModifiedTime(file).toMillis()).append(';');
        }
        return revision.toString();
    }
}
