package io.atelier.micro.judge;

import io.atelier.micro.flats.FlatSpec;
import io.atelier.micro.flats.FlatsGenerator;
import io.atelier.taxonomy.Taxonomy;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Where the judge's detail errors come from: scores the held-out flats (the seeds {@link JudgeAccuracy} uses) and
 * counts errors per (category, detail, missed or invented, which other details are drawn), so an occlusion in the
 * generator shows up as one cell holding most of a detail's errors. Not a test (its name does not end in Test): run
 * it by hand.
 *
 * <pre>java -cp micro/target/classes:micro/target/test-classes:$(cat /tmp/micro.cp) \
 *     io.atelier.micro.judge.JudgeErrorsDiagnostic [--judge DIR] [--samples 2000] [--png DIR] [--details zip,buttons]
 * </pre>
 * Without {@code --judge} it reads the shipped judge; with {@code --png} it writes every failing flat there, named
 * after its seed index, category and the details it got wrong.
 */
public final class JudgeErrorsDiagnostic {

    private JudgeErrorsDiagnostic() {
    }

    public static void main(String[] args) throws IOException {
        Path judgeDir = null;
        Path png = null;
        int samples = 2000;
        List<String> watched = List.of("zip", "buttons", "pockets");
        for (int i = 0; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--judge" -> judgeDir = Path.of(args[i + 1]);
                case "--png" -> png = Path.of(args[i + 1]);
                case "--samples" -> samples = Integer.parseInt(args[i + 1]);
                case "--details" -> watched = List.of(args[i + 1].split(","));
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        if (png != null) {
            Files.createDirectories(png);
        }
        try (Judge judge = judgeDir == null ? Judge.load() : Judge.load(judgeDir)) {
            System.out.println(JudgeAccuracy.measure(judge, samples, 128));
            report(judge, samples, watched, png);
        }
    }

    private static void report(Judge judge, int samples, List<String> watched, Path png) throws IOException {
        List<FlatSpec> specs = new ArrayList<>();
        List<BufferedImage> images = new ArrayList<>();
        for (int i = 0; i < samples; i++) {
            FlatSpec spec = FlatSpec.random(JudgeAccuracy.HELD_OUT_SEED_BASE + i);
            specs.add(spec);
            images.add(FlatsGenerator.draw(spec, 128));
        }
        List<JudgeVerdict> verdicts = judge.scoreAll(images);
        // (category detail) -> {errors, applicable}; (category detail miss|extra [others]) -> errors
        Map<String, int[]> byCell = new TreeMap<>();
        Map<String, int[]> byContext = new TreeMap<>();
        Map<String, int[]> byPattern = new TreeMap<>(); // (detail pattern) -> {errors, applicable}: prints hide details
        for (int i = 0; i < samples; i++) {
            FlatSpec spec = specs.get(i);
            JudgeVerdict verdict = verdicts.get(i);
            List<String> wrong = new ArrayList<>();
            for (String detail : Taxonomy.standard().applicableDetails(spec.category())) {
                if (!watched.contains(detail)) {
                    continue;
                }
                boolean truth = spec.has(detail);
                boolean right = truth == verdict.details().contains(detail);
                String cell = spec.category() + " " + detail;
                int[] counts = byCell.computeIfAbsent(cell, k -> new int[2]);
                counts[1]++;
                int[] patternCounts = byPattern.computeIfAbsent(detail + " " + spec.pattern(), k -> new int[2]);
                patternCounts[1]++;
                // Every context seen, wrong or right, so each error count comes with its denominator.
                String others = spec.details().stream()
                        .filter(d -> !d.equals(detail) && !FlatSpec.SLEEVE_LENGTHS.contains(d))
                        .collect(Collectors.joining(",", "[", "]"));
                String context = cell + (truth ? " present " : " absent  ") + others;
                int[] contextCounts = byContext.computeIfAbsent(context, k -> new int[2]);
                contextCounts[1]++;
                if (!right) {
                    counts[0]++;
                    contextCounts[0]++;
                    patternCounts[0]++;
                    wrong.add(detail + (truth ? "-missed" : "-invented"));
                }
            }
            if (png != null && !wrong.isEmpty()) {
                String name = String.format("%04d-%s-%s.png", i, spec.category(), String.join("+", wrong));
                ImageIO.write(images.get(i), "png", png.resolve(name).toFile());
            }
        }
        System.out.println("errors / applicable per (category, detail):");
        byCell.forEach((cell, c) -> {
            if (c[0] > 0) {
                System.out.printf("  %-24s %4d / %4d%n", cell, c[0], c[1]);
            }
        });
        System.out.println("errors / applicable per (detail, pattern):");
        byPattern.forEach((cell, c) -> System.out.printf("  %-24s %4d / %4d%n", cell, c[0], c[1]));
        System.out.println("errors / flats per (category, detail, truth, other details drawn), cells with errors:");
        byContext.forEach((context, c) -> {
            if (c[0] > 0) {
                System.out.printf("  %-70s %4d / %4d%n", context, c[0], c[1]);
            }
        });
    }
}
