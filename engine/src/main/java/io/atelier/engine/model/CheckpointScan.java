package io.atelier.engine.model;

import io.atelier.engine.safetensors.TensorSource;
import io.atelier.engine.sd.CheckpointSources;
import io.atelier.engine.sd.DiffusersFolder;
import io.atelier.engine.safetensors.SafeTensorsFormatException;
import io.atelier.engine.sd.CheckpointInspector;
import io.atelier.engine.sd.LayoutException;
import io.atelier.engine.sd.Sd1Config;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds the checkpoint files dropped into {@code <home>/models/}: each {@code .safetensors} file's header is read
 * and checked whole (nothing else is read), so a damaged, foreign or unsupported file becomes one sentence in
 * {@code models.list}'s problems and every other model stays usable. Pickle files ({@code .ckpt}, {@code .pt},
 * {@code .pth}, {@code .bin}) are never opened: unpickling runs code from the file.
 */
final class CheckpointScan {
    private static final Logger LOG = LoggerFactory.getLogger(CheckpointScan.class);
    private static final Set<String> PICKLE_EXTENSIONS = Set.of(".ckpt", ".pt", ".pth", ".bin");

    record Found(CheckpointFile checkpoint) {
    }

    private CheckpointScan() {
    }

    static List<Found> scan(Path modelsDir, List<String> problems) {
        List<Found> found = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        scanDiffusersFolders(modelsDir, problems, found, ids);
        // Links are followed: the models folder is the user's own, and sharing one large checkpoint between tools
        // through a link is common practice.
        try (DirectoryStream<Path> files = Files.newDirectoryStream(modelsDir, Files::isRegularFile)) {
            for (Path file : files) {
                String name = file.getFileName().toString();
                String lower = name.toLowerCase(Locale.ROOT);
                if (PICKLE_EXTENSIONS.stream().anyMatch(lower::endsWith)) {
                    problems.add("Model file '" + name + "' is a pickle checkpoint, which is refused: loading one"
                            + " can run code hidden in it. Convert it to .safetensors (any SD tool can) and put"
                            + " that file here instead.");
                    continue;
                }
                if (!lower.endsWith(".safetensors")) {
                    continue;
                }
                add(file, name.substring(0, name.length() - ".safetensors".length()), "Model file '" + name + "'",
                        problems, found, ids);
            }
        } catch (IOException e) {
            problems.add("The models folder cannot be listed.");
        }
        return found;
    }

    /** Folders with unet/, vae/ and text_encoder/ (and no model.json, which makes an atelier package). */
    private static void scanDiffusersFolders(Path modelsDir, List<String> problems, List<Found> found,
                                             Set<String> ids) {
        try (DirectoryStream<Path> folders = Files.newDirectoryStream(modelsDir, Files::isDirectory)) {
            for (Path folder : folders) {
                if (DiffusersFolder.looksLikeOne(folder)
                        && !Files.exists(folder.resolve(ModelPackageReader.MANIFEST))) {
                    String name = folder.getFileName().toString();
                    add(folder, name, "Model folder '" + name + "'", problems, found, ids);
                }
            }
        } catch (IOException e) {
            problems.add("The models folder cannot be listed.");
        }
    }

    private static void add(Path source, String displayName, String what, List<String> problems, List<Found> found,
                            Set<String> ids) {
        String id = CheckpointManifests.idFor(source.getFileName().toString());
        try {
            Sd1Config config;
            try (TensorSource tensors = CheckpointSources.open(source)) {
                config = CheckpointInspector.inspect(tensors);
            }
            if (!ids.add(id)) {
                problems.add(what + " has the same id '" + id + "' as another model; rename one of them.");
                return;
            }
            found.add(new Found(new CheckpointFile(CheckpointManifests.sd1(id, displayName, config), source, config,
                    CheckpointSources.revision(source))));
        } catch (SafeTensorsFormatException | LayoutException e) {
            problems.add(what + " cannot be used: " + e.getMessage() + ".");
            LOG.warn("Skipping {}: {}", what, e.getMessage());
        } catch (IOException e) {
            problems.add(what + " cannot be read.");
        }
    }
}
