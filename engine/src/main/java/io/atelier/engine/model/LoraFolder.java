package io.atelier.engine.model;

import io.atelier.engine.InvalidGenerationParameterException;
import io.atelier.engine.lora.KohyaKeys;
import io.atelier.engine.safetensors.SafeTensorsFile;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The kohya LoRAs of an installation, {@code <home>/loras/<name>.safetensors}, found by name as the A1111
 * {@code <lora:name:weight>} prompt syntax names them. The folder is read at each lookup, so a file dropped in is
 * usable at once.
 */
public final class LoraFolder {
    public static final String EXTENSION = ".safetensors";
    /** No folder: every name is unknown (an engine built without a home, as in some tests). */
    public static final LoraFolder NONE = new LoraFolder(null);

    private final Path folder;

    public LoraFolder(Path folder) {
        this.folder = folder;
    }

    /** The folder; null for {@link #NONE}. */
    public Path folder() {
        return folder;
    }

    /** What requests call the LoRA in {@code file}: its file name without {@code .safetensors}. */
    public static String nameOf(Path file) {
        String name = file.getFileName().toString();
        return name.endsWith(EXTENSION) ? name.substring(0, name.length() - EXTENSION.length()) : name;
    }

    /** The names of the LoRAs present, sorted. */
    public List<String> names() {
        List<String> names = new ArrayList<>();
        if (folder == null || !Files.isDirectory(folder)) {
            return names;
        }
        try (DirectoryStream<Path> files = Files.newDirectoryStream(folder, "*" + EXTENSION)) {
            for (Path file : files) {
                if (Files.isRegularFile(file)) {
                    names.add(nameOf(file));
                }
            }
        } catch (IOException e) {
            return names;
        }
        Collections.sort(names);
        return names;
    }

    /**
     * Every LoRA present, sorted by name, each read as far as its header: a file that is not safetensors, or holds no
     * kohya LoRA keys ({@code lora_unet_…}, {@code lora_te_…}), comes with its problem instead of failing a request
     * later.
     */
    public List<LoraFileInfo> list() {
        List<LoraFileInfo> found = new ArrayList<>();
        for (String name : names()) {
            Path file = folder.resolve(name + EXTENSION);
            long size;
            try {
                size = Files.size(file);
            } catch (IOException e) {
                continue; // removed while listing
            }
            found.add(new LoraFileInfo(name, size, problemOf(file)));
        }
        return found;
    }

    private static String problemOf(Path file) {
        String fileName = file.getFileName().toString();
        try (SafeTensorsFile weights = SafeTensorsFile.open(file)) {
            boolean kohya = weights.tensors().keySet().stream()
                    .anyMatch(k -> k.startsWith(KohyaKeys.UNET_PREFIX) || k.startsWith(KohyaKeys.TEXT_PREFIX));
            return kohya ? null : "LoRA file '" + fileName + "' holds no kohya LoRA weights (no lora_unet_ or lora_te_"
                    + " keys): it is some other kind of safetensors file.";
        } catch (IOException | RuntimeException e) {
            return "LoRA file '" + fileName + "' cannot be read: " + e.getMessage();
        }
    }

    /**
     * The file of the LoRA named {@code name}.
     *
     * @param field the request field the name came from, for the error
     * @throws InvalidGenerationParameterException when there is no such LoRA (the message lists what there is)
     */
    public Path resolve(String name, String field) {
        boolean plain = !name.isEmpty() && !name.contains("/") && !name.contains("\\") && !name.startsWith(".");
        Path file = plain && folder != null ? folder.resolve(name + EXTENSION) : null;
        if (file == null || !Files.isRegularFile(file)) {
            List<String> known = names();
            String where = folder == null ? "this engine has no LoRA folder" : "there is no " + name + EXTENSION
                    + " in " + folder + (known.isEmpty() ? " (it holds no LoRAs)"
                    : " (it holds: " + String.join(", ", known.subList(0, Math.min(10, known.size())))
                            + (known.size() > 10 ? ", …" : "") + ")");
            throw new InvalidGenerationParameterException(field, "Unknown LoRA '" + name + "': " + where + ".");
        }
        return file;
    }
}
