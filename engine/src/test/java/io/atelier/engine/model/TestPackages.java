package io.atelier.engine.model;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/** Temporary copies of the tiny package, altered on purpose (broken components, damaged files). */
public final class TestPackages {
    private static final ObjectMapper JSON = new ObjectMapper();

    private TestPackages() {
    }

    /** Copies the embedded tiny package into {@code folder} and returns it. */
    public static Path copyTiny(Path folder) throws IOException {
        Files.createDirectories(folder);
        String base = ModelRegistry.TINY_MODEL_FOLDER.substring(1) + "/";
        for (String file : new String[] {"model.json", "tokenizer.json", "text_encoder.pt", "unet.pt",
                "vae_decoder.pt", "vae_encoder.pt"}) {
            try (InputStream in = TestPackages.class.getClassLoader().getResourceAsStream(base + file)) {
                Files.copy(in, folder.resolve(file), StandardCopyOption.REPLACE_EXISTING);
            }
        }
        return folder;
    }

    /** Replaces a component's file, updates its sha256 and renames the package to {@code newId}. */
    public static void replaceComponent(Path folder, String component, Path replacement, String newId)
            throws IOException {
        ObjectNode manifest = (ObjectNode) JSON.readTree(folder.resolve("model.json").toFile());
        String file = manifest.get("components").get(component).get("file").asText();
        Files.copy(replacement, folder.resolve(file), StandardCopyOption.REPLACE_EXISTING);
        ((ObjectNode) manifest.get("components").get(component)).put("sha256", Sha256.of(folder.resolve(file)));
        manifest.put("id", newId);
        JSON.writeValue(folder.resolve("model.json").toFile(), manifest);
    }

    /** Extracts a classpath resource to a file. */
    public static Path resource(String name, Path folder) throws IOException {
        Path target = folder.resolve(name.substring(name.lastIndexOf('/') + 1));
        try (InputStream in = TestPackages.class.getResourceAsStream(name)) {
            Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
        }
        return target;
    }
}
