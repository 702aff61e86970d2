package io.atelier.bridge.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.atelier.bridge.batch.BridgeConnection;
import io.atelier.client.AtelierClient;
import io.atelier.client.AtelierRpcException;
import io.atelier.client.AtelierSocket;
import io.atelier.client.NotificationListener;
import io.atelier.protocol.ImageRef;
import io.atelier.protocol.JobStatus;
import io.atelier.protocol.JobsFinishedNotification;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code atelier capsule --brand X --looks 6 --out DIR}: one {@code capsules.generate} through the bridge; writes every
 * piece's flat, the contact sheet, the spec sheets (JSON) and the PDF, and prints their paths.
 */
@Command(name = "capsule", mixinStandardHelpOptions = true,
        description = "Generate a capsule (a few coherent looks in a brand's codes): flats, contact sheet, spec "
                + "sheets (JSON) and a PDF.")
final class CapsuleCommand implements Callable<Integer> {
    @Option(names = "--brand", required = true, paramLabel = "ID", description = "The brand the capsule is for.")
    String brand;

    @Option(names = "--looks", defaultValue = "6", description = "Looks, 2..12 (default: ${DEFAULT-VALUE}).")
    int looks;

    @Option(names = "--pieces-per-look", paramLabel = "N", description = "Pieces in each look, 1..4 (default: 3).")
    Integer piecesPerLook;

    @Option(names = "--theme", description = "A few words for the capsule, printed on the sheets.")
    String theme;

    @Option(names = "--categories", split = ",", paramLabel = "C",
            description = "Categories it may use, e.g. dress,trousers,handbag (default: all).")
    List<String> categories;

    @Option(names = "--palette", split = ",", paramLabel = "COLOUR",
            description = "Palette names of the brand or #rrggbb (default: the brand's palette).")
    List<String> palette;

    @Option(names = "--seed", paramLabel = "S", description = "Same seed, same capsule (default: a random one).")
    Long seed;

    @Option(names = "--model", paramLabel = "ID", description = "Model (default: the bridge's default).")
    String model;

    @Option(names = "--out", paramLabel = "DIR", defaultValue = ".", description = "Folder for the files (default: the current one).")
    Path out;

    @Option(names = "--wait-seconds", defaultValue = "600",
            description = "How long to wait for the capsule (default: ${DEFAULT-VALUE}).")
    int waitSeconds;

    @Mixin
    BridgeOptions connection;

    @Override
    public Integer call() throws Exception {
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("brand", brand);
        params.put("looks", looks);
        putIfSet(params, "piecesPerLook", piecesPerLook);
        putIfSet(params, "theme", theme);
        putIfSet(params, "categories", categories);
        putIfSet(params, "palette", palette);
        putIfSet(params, "seed", seed);
        putIfSet(params, "model", model);
        Files.createDirectories(out);
        try (BridgeConnection bridge = connection.open(System.err);
             AtelierSocket socket = bridge.client().openSocket(NotificationListener.NONE)) {
            String jobId = socket.call("capsules.generate", params).path("jobId").asText();
            System.err.println("Capsule job " + jobId + ": drawing and judging every piece…");
            JobsFinishedNotification finished = socket.awaitFinished(jobId, Duration.ofSeconds(waitSeconds));
            if (finished.status() != JobStatus.SUCCEEDED) {
                System.err.println("atelier: the capsule " + finished.status().name().toLowerCase()
                        + (finished.error() == null ? "" : ": " + finished.error().message()));
                return 1;
            }
            for (Path file : write(bridge.client(), finished.results())) {
                System.out.println(file.toAbsolutePath());
            }
            return 0;
        } catch (AtelierRpcException e) {
            System.err.println("atelier: " + e.getMessage());
            return 2;
        }
    }

    /** Files named after what they are: the spec JSON says which look and piece each flat is. */
    private List<Path> write(AtelierClient client, List<ImageRef> results) throws Exception {
        List<Path> files = new ArrayList<>();
        int flats = results.size() - 3;
        ImageRef json = results.get(flats + 1);
        byte[] specBytes = client.fetchImage(json);
        JsonNode pieces = new ObjectMapper().readTree(specBytes).path("pieces");
        for (int i = 0; i < flats; i++) {
            JsonNode piece = pieces.get(i);
            files.add(save(client, results.get(i), String.format("look-%02d-piece-%d.png", piece.path("look").asInt(),
                    piece.path("piece").asInt())));
        }
        files.add(save(client, results.get(flats), "contact-sheet.png"));
        Path spec = out.resolve("capsule.json");
        Files.write(spec, specBytes);
        files.add(spec);
        files.add(save(client, results.get(flats + 2), "capsule.pdf"));
        return files;
    }

    private Path save(AtelierClient client, ImageRef ref, String name) throws Exception {
        Path file = out.resolve(name);
        Files.write(file, client.fetchImage(ref));
        return file;
    }

    private static void putIfSet(Map<String, Object> params, String key, Object value) {
        if (value != null) {
            params.put(key, value);
        }
    }
}
