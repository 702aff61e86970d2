package io.atelier.engine.model;

import io.atelier.engine.safetensors.SafeTensorsFile;
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
                String id = CheckpointManifests.idFor(name);
                try {
                    Sd1Config config = inspect(file);
                    if (!ids.add(id)) {
                        problems.add("Model file '" + name + "' has the same id '" + id + "' as another file;"
                                + " rename one of them.");
                        continue;
                    }
                    String displayName = name.substring(0, name.length() - ".safetensors".length());
                    String revision = Files.size(file) + "@" + Files.getLastModifiedTime(file).toMillis();
                    found.add(new Found(new CheckpointFile(CheckpointManifests.sd1(id, displayName, config),
                            file, config, revision)));
                } catch (SafeTensorsFormatException | LayoutException e) {
                    problems.add("Model file '" + name + "' cannot be used: " + e.getMessage() + ".");
                    LOG.warn("Skipping model file {}: {}", name, e.getMessage());
                } catch (IOException e) {
                    problems.add("Model file '" + name + "' cannot be read.");
                }
            }
        } catch (IOException e) {
            problems.add("The models folder cannot be listed.");
        }
        return found;
    }

    private static Sd1Config inspect(Path file) throws IOException {
        try (SafeTensorsFile tensors = SafeTensorsFile.open(file)) {
            return CheckpointInspector.inspect(tensors);
        }
    }
}
