package io.atelier.engine.model;

import io.atelier.engine.EngineException;
import io.atelier.engine.ModelLoadException;
import io.atelier.engine.UnknownModelException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The models this installation can run: packages under {@code <home>/models/<id>/model.json} plus packages embedded
 * on the classpath. A folder package overrides an embedded one with the same id. The default model is, in order:
 * the one set with {@link #setDefault}, the embedded one the application registered as default (atelier-micro),
 * else the engine's own tiny random-weight model.
 */
public final class ModelRegistry {
    /** The engine's tiny random-weight package: for tests, and the default until a trained model is registered. */
    public static final String TINY_MODEL_FOLDER = "/io/atelier/engine/models/atelier-tiny";
    private static final Logger LOG = LoggerFactory.getLogger(ModelRegistry.class);

    private record Embedded(ClassLoader loader, String folder, ModelManifest manifest) {
    }

    private final Path modelsDir;
    private final LoraFolder loras;
    private final Path cacheDir;
    private final Map<String, Embedded> embedded = new LinkedHashMap<>();
    private final Map<String, ModelManifest> onDisk = new LinkedHashMap<>();
    private final Map<String, Path> diskFolders = new LinkedHashMap<>();
    private final Map<String, CheckpointFile> checkpoints = new LinkedHashMap<>();
    private final List<String> problems = new ArrayList<>();
    private String embeddedDefault;
    private String explicitDefault;

    /** The registry of an Atelier home, with the one cache layout every engine uses ({@link #cacheFolder}). */
    public static ModelRegistry forHome(Path home) {
        return new ModelRegistry(home, cacheFolder(home));
    }

    /** {@code <home>/cache/models}: where embedded packages are copied and converted models cached. */
    public static Path cacheFolder(Path home) {
        return home.resolve("cache").resolve("models");
    }

    /**
     * @param home the Atelier home; packages are read from {@code home/models}, LoRAs from {@code home/loras}
     * @param cacheDir where embedded packages are copied before loading
     */
    public ModelRegistry(Path home, Path cacheDir) {
        this.modelsDir = home.resolve("models");
        this.loras = new LoraFolder(home.resolve("loras"));
        this.cacheDir = cacheDir;
        registerEmbedded(ModelRegistry.class.getClassLoader(), TINY_MODEL_FOLDER, false);
        rescan();
    }

    public Path cacheDir() {
        return cacheDir;
    }

    /** Adds a package embedded in a jar; {@code makeDefault} makes it the default unless one was set explicitly. */
    public synchronized void registerEmbedded(ClassLoader loader, String folder, boolean makeDefault) {
        ModelManifest manifest = ClasspathModelPackages.manifest(loader, folder);
        embedded.put(manifest.id(), new Embedded(loader, folder, manifest));
        if (makeDefault) {
            embeddedDefault = manifest.id();
        }
    }

    /** The installation's kohya LoRAs, {@code <home>/loras/}. */
    public LoraFolder loras() {
        return loras;
    }

    public synchronized void setDefault(String id) {
        if (!embedded.containsKey(id) && !onDisk.containsKey(id)) {
            throw new UnknownModelException(id);
        }
        explicitDefault = id;
    }

    /**
     * Re-reads {@code home/models}: package folders and checkpoint files. A bad package or file is skipped and
     * described in {@link #problems}; the others stay usable.
     */
    public synchronized void rescan() {
        onDisk.clear();
        diskFolders.clear();
        checkpoints.clear();
        problems.clear();
        if (!Files.isDirectory(modelsDir)) {
            return;
        }
        for (CheckpointScan.Found found : CheckpointScan.scan(modelsDir, problems)) {
            onDisk.put(found.checkpoint().id(), found.checkpoint().manifest());
            checkpoints.put(found.checkpoint().id(), found.checkpoint());
        }
        try (DirectoryStream<Path> folders = Files.newDirectoryStream(modelsDir, Files::isDirectory)) {
            for (Path folder : folders) {
                Path manifestFile = folder.resolve(ModelPackageReader.MANIFEST);
                if (!Files.isRegularFile(manifestFile)) {
                    continue;
                }
                try (InputStream in = Files.newInputStream(manifestFile)) {
                    ModelManifest manifest = ModelPackageReader.parse(in, folder.getFileName().toString());
                    if (checkpoints.containsKey(manifest.id())) {
                        problems.add("Model folder '" + folder.getFileName() + "' and a checkpoint file are both"
                                + " named '" + manifest.id() + "'; the folder is used.");
                        checkpoints.remove(manifest.id());
                    }
                    onDisk.put(manifest.id(), manifest);
                    diskFolders.put(manifest.id(), folder);
                } catch (EngineException | IOException e) {
                    problems.add(e instanceof EngineException ? e.getMessage()
                            : "Model folder '" + folder.getFileName() + "': model.json cannot be read.");
                    LOG.warn("Skipping model folder {}: {}", folder.getFileName(), e.getMessage());
                }
            }
        } catch (IOException e) {
            problems.add("The models folder cannot be listed.");
        }
    }

    public synchronized String defaultModelId() {
        if (explicitDefault != null) {
            return explicitDefault;
        }
        if (embeddedDefault != null) {
            return embeddedDefault;
        }
        return embedded.containsKey("atelier-tiny") ? "atelier-tiny" : embedded.keySet().iterator().next();
    }

    public synchronized List<ModelDescriptor> list() {
        Map<String, ModelDescriptor> all = new LinkedHashMap<>();
        String defaultId = defaultModelId();
        embedded.values().forEach(e -> all.put(e.manifest().id(), describe(e.manifest(), defaultId, true)));
        onDisk.values().forEach(m -> all.put(m.id(), describe(m, defaultId, false)));
        return List.copyOf(all.values());
    }

    public synchronized Optional<ModelManifest> manifest(String id) {
        ModelManifest disk = onDisk.get(id);
        if (disk != null) {
            return Optional.of(disk);
        }
        return Optional.ofNullable(embedded.get(id)).map(Embedded::manifest);
    }

    /**
     * What identifies the weights a model id stands for now: a checkpoint's size and modification time, a package's
     * manifest (which holds every component's sha256). A loaded model whose revision changed is stale.
     */
    public synchronized String revision(String id) {
        CheckpointFile checkpoint = checkpoints.get(id);
        if (checkpoint != null) {
            return checkpoint.revision();
        }
        return manifest(id).map(Object::toString).orElse("");
    }

    /** Problems met while scanning, one user-readable sentence each. */
    public synchronized List<String> problems() {
        return List.copyOf(problems);
    }

    /** What the engine loads for a model: a checkpoint file, or a package opened as {@link #open} does. */
    public ModelSource source(String idOrNull) {
        String id = idOrNull != null ? idOrNull : defaultModelId();
        CheckpointFile checkpoint;
        synchronized (this) {
            checkpoint = checkpoints.get(id);
        }
        return checkpoint != null ? checkpoint : open(id);
    }

    /**
     * Opens an atelier package (copying an embedded one to the cache) with every hash checked; null id = the
     * default. Checkpoint files are not packages: {@link #source} serves both.
     */
    public ModelPackage open(String idOrNull) {
        String id = idOrNull != null ? idOrNull : defaultModelId();
        synchronized (this) {
            if (checkpoints.containsKey(id)) {
                throw new ModelLoadException(id, "Model '" + id + "' is a Stable Diffusion checkpoint; this"
                        + " operation works on atelier packages only.", null);
            }
        }
        Path folder;
        Embedded fromJar;
        synchronized (this) {
            folder = diskFolders.get(id);
            fromJar = embedded.get(id);
        }
        if (folder != null) {
            return ModelPackageReader.open(folder);
        }
        if (fromJar != null) {
            return ClasspathModelPackages.extract(fromJar.loader(), fromJar.folder(), cacheDir);
        }
        throw new UnknownModelException(id);
    }

    private static ModelDescriptor describe(ModelManifest m, String defaultId, boolean isEmbedded) {
        return new ModelDescriptor(m.id(), m.displayName(), m.family(), m.nativeWidth(), m.nativeHeight(),
                m.id().equals(defaultId), isEmbedded, m.effectiveDrawableSizes());
    }
}
