package io.atelier.bridge.generate;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.atelier.client.AtelierClient;
import io.atelier.client.AtelierSocket;
import io.atelier.protocol.ImageRef;
import io.atelier.protocol.ImagesGenerateParams;
import io.atelier.protocol.JobStatus;
import io.atelier.protocol.JobsFinishedNotification;
import io.atelier.protocol.service.ImagesService;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;

/** Test helpers: params, running a generation to its end over a socket, reading PNGs back. */
final class Generation {
    static final Duration WAIT = Duration.ofSeconds(60);

    private Generation() {
    }

    static ImagesGenerateParams params(String prompt) {
        return new ImagesGenerateParams(prompt, null, null, null, null, null, null, null, null, null, null, null,
                null, null, null, null, null, null);
    }

    static ImagesGenerateParams seeded(String prompt, long seed) {
        return new ImagesGenerateParams(prompt, null, null, null, null, null, null, null, null, null, null, null,
                seed, null, null, null, null, null);
    }

    /** Submits over the socket and waits for jobs.finished; asserts success; returns the results. */
    static List<ImageRef> run(AtelierSocket socket, ImagesGenerateParams params) {
        JobsFinishedNotification finished = finish(socket, params);
        assertEquals(JobStatus.SUCCEEDED, finished.status(), () -> String.valueOf(finished.error()));
        return finished.results();
    }

    static JobsFinishedNotification finish(AtelierSocket socket, ImagesGenerateParams params) {
        String jobId = socket.service(ImagesService.class).generate(params).jobId();
        return socket.awaitFinished(jobId, WAIT);
    }

    /** The first result's pixels as fetched from /images/{id}.png. */
    static BufferedImage pixels(AtelierClient client, ImageRef ref) {
        return decode(client.fetchImage(ref));
    }

    static BufferedImage decode(byte[] png) {
        try {
            return ImageIO.read(new ByteArrayInputStream(png));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static int[] argb(BufferedImage image) {
        return image.getRGB(0, 0, image.getWidth(), image.getHeight(), null, 0, image.getWidth());
    }

    static boolean samePixels(BufferedImage a, BufferedImage b) {
        return a.getWidth() == b.getWidth() && a.getHeight() == b.getHeight() && Arrays.equals(argb(a), argb(b));
    }

    /** The PNG's chunks as text: XMP (uncompressed iTXt) and tEXt are readable in it. */
    static String chunksText(byte[] png) {
        return new String(png, StandardCharsets.ISO_8859_1);
    }

    static String recordId(byte[] png) {
        Matcher m = Pattern.compile("atelier:recordId=\"(hist-[0-9a-f]{16})\"").matcher(chunksText(png));
        return m.find() ? m.group(1) : null;
    }

    static String base64Png(BufferedImage image) {
        try (ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            ImageIO.write(image, "png", out);
            return Base64.getEncoder().encodeToString(out.toByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
