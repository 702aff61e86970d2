package io.atelier.micro.flats;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Dumps generated flats for inspection: {@code flat-<seed>.png} files, a {@code captions.jsonl} (one line per
 * sample: file, seed, canonical prompt, French and English captions, spec) and a {@code contact-sheet.png} of the
 * first 48.
 *
 * <pre>java ... io.atelier.micro.flats.FlatsDataset &lt;out-dir&gt; [count=48] [size=128] [first-seed=0]</pre>
 */
public final class FlatsDataset {

    private FlatsDataset() {
    }

    public static void write(Path dir, int count, int size, long firstSeed) throws IOException {
        Files.createDirectories(dir);
        ObjectMapper mapper = new ObjectMapper();
        List<BufferedImage> sheet = new ArrayList<>();
        List<String> labels = new ArrayList<>();
        try (BufferedWriter jsonl = Files.newBufferedWriter(dir.resolve("captions.jsonl"), StandardCharsets.UTF_8)) {
            for (int i = 0; i < count; i++) {
                long seed = firstSeed + i;
                FlatSample sample = FlatsGenerator.sample(seed, size);
                String file = String.format("flat-%06d.png", seed);
                ImageIO.write(sample.image(), "png", dir.resolve(file).toFile());
                ObjectNode line = mapper.createObjectNode();
                line.put("file", file);
                line.put("seed", seed);
                line.put("canonical", sample.canonicalPrompt());
                line.put("fr", sample.captionFr());
                line.put("en", sample.captionEn());
                line.set("spec", mapper.valueToTree(sample.spec()));
                jsonl.write(mapper.writeValueAsString(line));
                jsonl.newLine();
                if (sheet.size() < 48) {
                    sheet.add(sample.image());
                    labels.add(sample.canonicalPrompt());
                }
            }
        }
        ImageIO.write(ContactSheet.compose(sheet, labels, 8, 128), "png", dir.resolve("contact-sheet.png").toFile());
    }

    public static void main(String[] args) throws IOException {
        if (args.length < 1) {
            System.err.println("usage: FlatsDataset <out-dir> [count=48] [size=128] [first-seed=0]");
            System.exit(2);
        }
        int count = args.length > 1 ? Integer.parseInt(args[1]) : 48;
        int size = args.length > 2 ? Integer.parseInt(args[2]) : FlatsGenerator.DEFAULT_SIZE;
        long firstSeed = args.length > 3 ? Long.parseLong(args[3]) : 0;
        write(Path.of(args[0]), count, size, firstSeed);
        System.out.println("wrote " + count + " flats to " + args[0]);
    }
}
