package io.atelier.bridge.generate;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.atelier.bridge.Bridge;
import io.atelier.bridge.BridgeConfig;
import io.atelier.client.AtelierClient;
import io.atelier.client.AtelierSocket;
import io.atelier.client.NotificationListener;
import io.atelier.engine.model.ModelRegistry;
import io.atelier.engine.model.Sha256;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.List;

/**
 * A real generating bridge (Jetty on port 0, the real engine) over a temporary home, with the tiny random-weight model
 * as its default so that the suite stays fast; atelier-micro being the shipped default is DefaultModelTest's matter.
 */
final class GenerationTestBridge implements AutoCloseable {
    private AtelierClient adminClient;
    private AtelierSocket adminSocket;
    static final List<String> TINY_FILES = List.of("model.json", "tokenizer.json", "text_encoder.pt", "unet.pt",
            "vae_decoder.pt", "vae_encoder.pt");

    private final Path home;
    private final Bridge bridge;

    /** Something written into the home folder before the bridge starts, e.g. another model package. */
    interface HomeSetup {
        void write(Path home) throws IOException;
    }

    GenerationTestBridge() throws Exception {
        this(home -> { });
    }

    GenerationTestBridge(HomeSetup setup) throws Exception {
        this(setup, "atelier-tiny");
    }

    /** @param defaultModel e.g. {@code atelier-micro}, for tests whose figures need a model that draws garments */
    GenerationTestBridge(HomeSetup setup, String defaultModel) throws Exception {
        home = Files.createTempDirectory("atelier-generate-test-");
        writeBrokenPackage(home.resolve("models").resolve("broken"));
        setup.write(home);
        bridge = GeneratingBridge.create(BridgeConfig.defaults(home).withPort(0)
                .withJobLimits(GeneratingBridge.JOB_LIMITS), defaultModel).start();
    }

    Bridge bridge() {
        return bridge;
    }

    Path home() {
        return home;
    }

    /** An admin client the bridge closes with itself (one per bridge: tests share it). */
    AtelierClient client() throws IOException {
        if (adminClient == null) {
            adminClient = admin();
        }
        return adminClient;
    }

    /** A WebSocket of {@link #client()}, for following jobs; closed with the bridge. */
    AtelierSocket socket() throws IOException {
        if (adminSocket == null) {
            adminSocket = client().openSocket(NotificationListener.NONE);
        }
        return adminSocket;
    }

    AtelierClient admin() throws IOException {
        return AtelierClient.create(bridge.baseUri().toString(), bridge.tokens().readAdminToken());
    }

    AtelierClient scoped(String... brands) throws IOException {
        return AtelierClient.create(bridge.baseUri().toString(),
                bridge.tokens().createScoped(List.of(brands)).secret());
    }

    /**
     * The deliberately broken model package: the tiny model with its UNet replaced by one that passes the load probe
     * and throws at any real size (tools/tiny_model/make_broken_unet.py), hashes updated so that it loads.
     */
    static void writeBrokenPackage(Path folder) throws IOException {
        copyTiny(folder, "broken");
        try (InputStream in = GenerationTestBridge.class.getResourceAsStream("/broken/unet_fails_above_probe_size.pt")) {
            Files.copy(in, folder.resolve("unet.pt"), StandardCopyOption.REPLACE_EXISTING);
        }
        ObjectMapper json = new ObjectMapper();
        ObjectNode manifest = (ObjectNode) json.readTree(folder.resolve("model.json").toFile());
        ((ObjectNode) manifest.path("components").path("unet")).put("sha256", Sha256.of(folder.resolve("unet.pt")));
        json.writeValue(folder.resolve("model.json").toFile(), manifest);
    }

    /**
     * The tiny package under another id and another family, e.g. {@code sd1}: the engine runs it like the tiny model,
     * the bridge writes its prompts as for a CLIP text encoder (the family is all that decides it).
     */
    static void writePackageOfFamily(Path folder, String id, String family) throws IOException {
        copyTiny(folder, id);
        ObjectMapper json = new ObjectMapper();
        ObjectNode manifest = (ObjectNode) json.readTree(folder.resolve("model.json").toFile());
        manifest.put("family", family);
        json.writeValue(folder.resolve("model.json").toFile(), manifest);
    }

    /**
     * The engine's scaled-down SD-1.5-layout checkpoint (real key names, random weights, 16 MB; made by tools/sd/). It
     * is a test resource of the engine, which publishes no test jar, so it is read from the source tree; Maven runs
     * the tests in the module folder.
     */
    static Path tinyCheckpoint() {
        Path file = Path.of("..", "engine", "src", "test", "resources", "io", "atelier", "engine", "sd",
                "tiny-sd15.safetensors");
        if (!Files.isRegularFile(file)) {
            throw new IllegalStateException(file.toAbsolutePath() + " is missing (tools/sd/ makes it)");
        }
        return file;
    }

    /** Copies the engine's embedded tiny package into {@code folder} under another id. */
    static void copyTiny(Path folder, String id) throws IOException {
        Files.createDirectories(folder);
        for (String file : TINY_FILES) {
            try (InputStream in = ModelRegistry.class.getResourceAsStream(ModelRegistry.TINY_MODEL_FOLDER + "/" + file)) {
                Files.copy(in, folder.resolve(file), StandardCopyOption.REPLACE_EXISTING);
            }
        }
        ObjectMapper json = new ObjectMapper();
        ObjectNode manifest = (ObjectNode) json.readTree(folder.resolve("model.json").toFile());
        manifest.put("id", id);
        json.writeValue(folder.resolve("model.json").toFile(), manifest);
    }

    @Override
    public void close() throws Exception {
        if (adminSocket != null) {
            adminSocket.close();
        }
        if (adminClient != null) {
            adminClient.close();
        }
        bridge.close();
        try (var paths = Files.walk(home)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
