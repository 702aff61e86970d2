package io.atelier.bridge.batch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.atelier.client.AtelierClient;
import io.atelier.client.AtelierRpcException;
import io.atelier.protocol.ErrorCodes;
import io.atelier.protocol.ImageRef;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Runs one {@link GenerationRequestLine} against the bridge and writes its images: submit (retried with the same
 * {@code clientRequestId} while the bridge is unreachable, so a restart in between does not run it twice), wait for
 * the job, fetch each image, write {@code <base>.png} then its sidecar {@code <base>.json} (line, seed, job, history
 * record id), each through a temporary file so that an existing sidecar means a complete output.
 */
public final class GenerationRunner {
    private static final Pattern RECORD_ID = Pattern.compile("atelier:recordId=\"(hist-[0-9a-f]{16})\"");
    private static final long POLL_MILLIS = 200;

    private final Supplier<AtelierClient> client;
    private final Duration unreachableFor;

    /**
     * @param client the client to use now (a supplier, so that a caller may reconnect)
     * @param unreachableFor how long to keep retrying while the bridge does not answer before failing the line
     */
    public GenerationRunner(Supplier<AtelierClient> client, Duration unreachableFor) {
        this.client = client;
        this.unreachableFor = unreachableFor;
    }

    /** Why a line produced no images: the bridge's own reason. */
    public static final class LineFailedException extends Exception {
        public LineFailedException(String reason) {
            super(reason, null, false, false);
        }
    }

    /** @return the PNG files written, in seed order */
    public List<Path> run(GenerationRequestLine request, Path out, String prefix)
            throws LineFailedException, InterruptedException, IOException {
        ObjectNode params = request.params();
        String jobId = call("images.generate", params).path("jobId").asText();
        JsonNode job = awaitFinal(jobId);
        if (!job.path("status").asText().equals("succeeded")) {
            String reason = job.path("error").path("data").path("reason").asText(job.path("status").asText());
            throw new LineFailedException(job.path("status").asText() + ": " + reason);
        }
        List<Path> written = new ArrayList<>();
        JsonNode results = job.path("results");
        for (int i = 0; i < results.size(); i++) {
            ImageRef ref = client.get().mapper().treeToValue(results.get(i), ImageRef.class);
            byte[] png = fetch(ref);
            String base = request.baseName(prefix, i);
            Path pngFile = out.resolve(base + ".png");
            writeAtomically(pngFile, png);
            ObjectNode sidecar = client.get().mapper().createObjectNode();
            sidecar.put("line", request.line());
            sidecar.put("seed", request.seed() + i);
            sidecar.put("jobId", jobId);
            Matcher recordId = RECORD_ID.matcher(new String(png, StandardCharsets.ISO_8859_1));
            sidecar.put("historyRecordId", recordId.find() ? recordId.group(1) : null);
            sidecar.put("imageId", ref.id());
            sidecar.put("sha256", ref.sha256());
            sidecar.set("request", params);
            writeAtomically(out.resolve(base + ".json"), client.get().mapper().writerWithDefaultPrettyPrinter()
                    .writeValueAsBytes(sidecar));
            written.add(pngFile);
        }
        return written;
    }

    private JsonNode awaitFinal(String jobId) throws InterruptedException, LineFailedException {
        while (true) {
            JsonNode job = call("jobs.get", Map.of("jobId", jobId));
            String status = job.path("status").asText();
            if (status.equals("succeeded") || status.equals("failed") || status.equals("cancelled")) {
                return job;
            }
            Thread.sleep(POLL_MILLIS);
        }
    }

    private JsonNode call(String method, Object params) throws InterruptedException, LineFailedException {
        long giveUp = System.nanoTime() + unreachableFor.toNanos();
        while (true) {
            try {
                return client.get().call(method, params);
            } catch (UncheckedIOException e) {
                if (System.nanoTime() > giveUp) {
                    throw new LineFailedException("the bridge did not answer for " + unreachableFor.toSeconds()
                            + " s");
                }
            } catch (AtelierRpcException e) {
                if (e.code() != ErrorCodes.BUSY) {
                    throw new LineFailedException(e.getMessage());
                }
            }
            Thread.sleep(500); // down, restarting, or this token's queue is full
        }
    }

    private byte[] fetch(ImageRef ref) throws InterruptedException, LineFailedException {
        long giveUp = System.nanoTime() + unreachableFor.toNanos();
        while (true) {
            try {
                return client.get().fetchImage(ref);
            } catch (UncheckedIOException e) {
                if (System.nanoTime() > giveUp) {
                    throw new LineFailedException("the bridge did not answer for " + unreachableFor.toSeconds()
                            + " s");
                }
            } catch (AtelierRpcException e) {
                throw new LineFailedException(e.getMessage());
            }
            Thread.sleep(500);
        }
    }

    private static void writeAtomically(Path file, byte[] bytes) throws IOException {
        Path temporary = file.resolveSibling("." + file.getFileName() + ".part");
        Files.write(temporary, bytes);
        Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
