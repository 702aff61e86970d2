package io.atelier.micro.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A training checkpoint: every named array (parameters, Adam moments, EMA shadows) in one DJL
 * NDList file plus a small JSON with the stage and step. Written to a temporary folder and renamed
 * into place, so an interrupted save never replaces the last good checkpoint.
 *
 * <p>Array names: {@code <component>/<param>} for parameters, {@code <component>/adam_m/<param>},
 * {@code <component>/adam_v/<param>} and {@code <component>/ema/<param>} for optimiser state.
 */
public final class Checkpoint {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ARRAYS = "arrays.ndlist";
    private static final String STATE = "state.json";

    private Checkpoint() {}

    /** Where training stands, plus any scalar a stage must carry across a resume. */
    public record Progress(String stage, int step, double elapsedSeconds, Map<String, Double> scalars) {}

    public static void save(Path dir, Progress progress, Map<String, NDArray> arrays) {
        Path tmp = dir.resolveSibling(dir.getFileName() + ".tmp");
        try {
            deleteRecursively(tmp);
            Files.createDirectories(tmp);
            NDList list = new NDList();
            arrays.forEach((name, array) -> {
                array.setName(name);
                list.add(array);
            });
            try (OutputStream os = new BufferedOutputStream(Files.newOutputStream(tmp.resolve(ARRAYS)))) {
                list.encode(os);
            }
            JSON.writerWithDefaultPrettyPrinter().writeValue(tmp.resolve(STATE).toFile(), progress);
            Path old = dir.resolveSibling(dir.getFileName() + ".old");
            deleteRecursively(old);
            if (Files.exists(dir)) {
                Files.move(dir, old, StandardCopyOption.ATOMIC_MOVE);
            }
            Files.move(tmp, dir, StandardCopyOption.ATOMIC_MOVE);
            deleteRecursively(old);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static Optional<Progress> readProgress(Path dir) {
        Path state = dir.resolve(STATE);
        if (!Files.exists(state)) {
            Path old = dir.resolveSibling(dir.getFileName() + ".old");
            if (Files.exists(old.resolve(STATE)) && !Files.exists(dir)) {
                try {
                    Files.move(old, dir, StandardCopyOption.ATOMIC_MOVE);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                return readProgress(dir);
            }
            return Optional.empty();
        }
        try {
            return Optional.of(JSON.readValue(state.toFile(), Progress.class));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Reads every array of the checkpoint into {@code manager}, keyed by name. */
    public static Map<String, NDArray> readArrays(Path dir, NDManager manager) {
        try (InputStream is = new BufferedInputStream(Files.newInputStream(dir.resolve(ARRAYS)))) {
            NDList list = NDList.decode(manager, is);
            Map<String, NDArray> map = new LinkedHashMap<>();
            for (NDArray array : list) {
                map.put(array.getName(), array);
            }
            return map;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void putPrefixed(Map<String, NDArray> into, String prefix, Map<String, NDArray> arrays) {
        arrays.forEach((name, array) -> into.put(prefix + name, array));
    }

    static void putList(Map<String, NDArray> into, String prefix, NDList named) {
        for (NDArray array : named) {
            into.put(prefix + array.getName(), array);
        }
    }

    /** Parameters of one component: names under the prefix that hold no further '/'. */
    static Map<String, NDArray> withPrefix(Map<String, NDArray> saved, String prefix) {
        Map<String, NDArray> out = new LinkedHashMap<>();
        saved.forEach((name, array) -> {
            if (name.startsWith(prefix) && name.indexOf('/', prefix.length()) < 0) {
                out.put(name.substring(prefix.length()), array);
            }
        });
        return out;
    }

    /** Optimiser state of one component, renamed to {@code adam_m/<param>}, {@code ema/<param>}, … */
    static NDList listUnder(Map<String, NDArray> saved, String prefix) {
        NDList out = new NDList();
        saved.forEach((name, array) -> {
            if (name.startsWith(prefix) && name.indexOf('/', prefix.length()) >= 0) {
                array.setName(name.substring(prefix.length()));
                out.add(array);
            }
        });
        return out;
    }

    static void deleteRecursively(Path path) throws IOException {
        if (!Files.exists(path)) {
            return;
        }
        try (var walk = Files.walk(path)) {
            for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
