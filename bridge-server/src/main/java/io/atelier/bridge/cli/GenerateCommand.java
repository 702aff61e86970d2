package io.atelier.bridge.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.atelier.bridge.batch.BridgeConnection;
import io.atelier.bridge.batch.GenerationRequestLine;
import io.atelier.bridge.batch.GenerationRunner;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code atelier generate "prompt"}: one {@code images.generate} through the bridge; prints the files written. */
@Command(name = "generate", mixinStandardHelpOptions = true,
        description = "Generate images from a prompt (French or English) and write them as PNGs with a JSON sidecar.")
final class GenerateCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "PROMPT", description = "What to draw.")
    String prompt;

    @Option(names = "--brand", paramLabel = "ID", description = "Brand whose vocabulary and adapter apply.")
    String brand;

    @Option(names = "--count", defaultValue = "1", description = "Images, seeds S, S+1, ... (default: ${DEFAULT-VALUE}).")
    int count;

    @Option(names = "--seed", paramLabel = "S", description = "First seed (default: a random one).")
    Long seed;

    @Option(names = "--model", paramLabel = "ID", description = "Model (default: the bridge's default).")
    String model;

    @Option(names = "--out", paramLabel = "DIR", defaultValue = ".", description = "Folder for the files (default: the current one).")
    Path out;

    @Mixin
    BridgeOptions bridgeOptions;

    @Override
    public Integer call() throws Exception {
        ObjectNode params = new ObjectMapper().createObjectNode();
        params.put("prompt", prompt);
        if (brand != null) {
            params.put("brand", brand);
        }
        if (model != null) {
            params.put("model", model);
        }
        params.put("count", count);
        params.put("seed", seed != null ? seed : new SecureRandom().nextLong() >>> 16);
        params.put("clientRequestId", "generate-" + UUID.randomUUID()); // a retry inside this command runs once
        Files.createDirectories(out);
        try (BridgeConnection bridge = bridgeOptions.open()) {
            GenerationRunner runner = new GenerationRunner(bridge::client, Duration.ofSeconds(30));
            List<Path> files = runner.run(new GenerationRequestLine(0, params), out, "atelier");
            for (Path file : files) {
                System.out.println(file.toAbsolutePath());
            }
            return 0;
        } catch (GenerationRunner.LineFailedException e) {
            System.err.println("atelier: generation failed: " + e.getMessage());
            return 1;
        }
    }
}
