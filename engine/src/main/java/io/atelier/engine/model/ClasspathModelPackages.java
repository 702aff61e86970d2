package io.atelier.engine.model;

import io.atelier.engine.ModelLoadException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Packages embedded in a jar (e.g. {@code /io/atelier/micro/model/}). DJL loads TorchScript from files, so a
 * classpath package is copied once into {@code <cache>/<id>-<sha256 prefix of model.json>/} and opened from there.
 */
public final class ClasspathModelPackages {
    private ClasspathModelPackages() {
    }

    /** Reads only the manifest, without copying anything. */
    public static ModelManifest manifest(ClassLoader loader, String folder) {
        return ModelPackageReader.parse(new ByteArrayInputStream(manifestBytes(loader, folder)), folder);
    }

    private static byte[] manifestBytes(ClassLoader loader, String folder) {
        try (InputStream in = open(loader, folder, ModelPackageReader.MANIFEST)) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new ModelLoadException(folder, "Embedded model at " + folder + ": model.json cannot be read.", e);
        }
    }

    /** Copies the package into the cache (once) and opens it there, hashes checked. */
    public static ModelPackage extract(ClassLoader loader, String folder, Path cacheRoot) {
        byte[] manifestBytes = manifestBytes(loader, folder);
        ModelManifest manifest = ModelPackageReader.parse(new ByteArrayInputStream(manifestBytes), folder);
        try {
            // The folder name changes whenever model.json (and so any component hash) changes: no stale copies.
            Path target = cacheRoot.resolve(manifest.id() + "-" + Sha256.of(manifestBytes).substring(0, 16));
            if (!Files.isRegularFile(target.resolve(ModelPackageReader.MANIFEST))) {
                Files.createDirectories(cacheRoot);
                Path staging = Files.createTempDirectory(cacheRoot, manifest.id() + "-staging");
                copy(loader, folder, ModelPackageReader.MANIFEST, staging);
                for (String name : ModelManifest.REQUIRED_COMPONENTS) {
                    copy(loader, folder, manifest.components().get(name).file(), staging);
                }
                try {
                    Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
                } catch (IOException raced) {
                    // Another process extracted the same package first; its copy is as good as ours.
                    if (!Files.isRegularFile(target.resolve(ModelPackageReader.MANIFEST))) {
                        throw raced;
                    }
                }
            }
            return ModelPackageReader.open(target);
        } catch (IOException e) {
            throw new ModelLoadException(manifest.id(), "Model '" + manifest.id()
                    + "': the embedded package cannot be copied to the model cache.", e);
        }
    }

    private static void copy(ClassLoader loader, String folder, String file, Path targetFolder) throws IOException {
        try (InputStream in = open(loader, folder, file)) {
            Files.copy(in, targetFolder.resolve(file), StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private static InputStream open(ClassLoader loader, String folder, String file) throws IOException {
        String resource = (folder.startsWith("/") ? folder.substring(1) : folder);
        resource = (resource.endsWith("/") ? resource : resource + "/") + file;
        InputStream in = loader.getResourceAsStream(resource);
        if (in == null) {
            throw new IOException("missing resource " + resource);
        }
        return in;
    }
}
