package io.atelier.bridge.generate;

import io.atelier.engine.model.CheckpointFile;
import io.atelier.engine.model.ComponentFile;
import io.atelier.engine.model.ModelManifest;
import io.atelier.engine.model.ModelRegistry;
import io.atelier.engine.model.Sha256;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The weights hashes history records, for a model ({@code modelSha256}) and for LoRAs: a package declares its UNet's hash in
 * {@code model.json}; a checkpoint file declares nothing, so its whole file is hashed, once per file version (path,
 * size, modification time), in the job that first uses it rather than on the RPC thread: 2 to 4 GB take seconds.
 */
public final class ModelHashes {
    private static final Logger LOG = LoggerFactory.getLogger(ModelHashes.class);

    private record FileVersion(Path file, long size, FileTime modified) {
    }

    private final ModelRegistry registry;
    private final Map<FileVersion, String> hashed = new ConcurrentHashMap<>();

    ModelHashes(ModelRegistry registry) {
        this.registry = registry;
    }

    /** The hash the manifest declares (a package's UNet), or null when only the file can tell (a checkpoint). */
    public static String declared(ModelManifest manifest) {
        ComponentFile unet = manifest.components().get(ModelManifest.UNET);
        return unet == null ? null : unet.sha256();
    }

    /** The declared hash, else the checkpoint file's; null when the model is gone or its file cannot be read. */
    String of(ModelManifest manifest) {
        String declared = declared(manifest);
        if (declared != null) {
            return declared;
        }
        try {
            if (!(registry.source(manifest.id()) instanceof CheckpointFile checkpoint)) {
                return null;
            }
            // A diffusers folder is hashed by its UNet's file, as a package declares its UNet's hash.
            Path file = Files.isDirectory(checkpoint.file())
                    ? io.atelier.engine.sd.DiffusersFolder.weightFiles(checkpoint.file()).get(0) : checkpoint.file();
            return ofFile(file);
        } catch (IOException | RuntimeException e) {
            LOG.warn("No weights hash for model {}: {}", manifest.id(), e.getMessage());
            return null;
        }
    }

    /** The sha256 of a weights file (a checkpoint, a LoRA), hashed once per version of it. */
    String ofFile(Path file) throws IOException {
        FileVersion version = new FileVersion(file, Files.size(file), Files.getLastModifiedTime(file));
        String known = hashed.get(version);
        if (known == null) {
            known = Sha256.of(file);
            hashed.put(version, known);
        }
        return known;
    }
}
