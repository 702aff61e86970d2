package io.atelier.bridge.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.atelier.micro.judge.Judge;
import io.atelier.micro.judge.JudgeVerdict;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import javax.imageio.ImageIO;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code ./atelier eval image FILE…}: what the judge sees in each image (category, colour, pattern, details), one JSON
 * line per file; for checking a result by eye and for scripts (the real-Krita test reads it).
 */
@Command(name = "image", mixinStandardHelpOptions = true,
        description = "Prints what the judge sees in each image: one JSON line per file.")
final class EvalImageCommand implements Callable<Integer> {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Parameters(paramLabel = "PNG", arity = "1..*", description = "Images to judge (PNG or JPEG).")
    List<Path> files;

    @Override
    public Integer call() throws Exception {
        int unreadable = 0;
        try (Judge judge = Judge.load()) {
            for (Path file : files) {
                BufferedImage image = file.toFile().isFile() ? ImageIO.read(file.toFile()) : null;
                ObjectNode line = JSON.createObjectNode().put("file", file.toString());
                if (image == null) {
                    line.put("error", "not a readable image");
                    unreadable++;
                } else {
                    JudgeVerdict verdict = judge.score(image);
                    line.put("category", verdict.category()).put("colour", verdict.colour())
                            .put("pattern", verdict.pattern());
                    line.set("details", JSON.valueToTree(verdict.details()));
                    line.put("categoryConfidence", verdict.confidences().getOrDefault(verdict.category(), 0.0));
                }
                System.out.println(JSON.writeValueAsString(line));
            }
        }
        return unreadable == 0 ? 0 : 1;
    }
}
