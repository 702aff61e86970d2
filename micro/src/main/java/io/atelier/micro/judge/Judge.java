package io.atelier.micro.judge;

import ai.djl.Model;
import ai.djl.MalformedModelException;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * atelier-micro's judge: a small CNN trained on generator output that reads a flat's category, colour, pattern and
 * construction details. Input: any RGB image (resized to 128×128, see {@link JudgeInput}). The shipped judge is a
 * classpath resource, {@code /io/atelier/micro/judge/judge.pt} with its card {@code judge.json} (labels, accuracy).
 * Thread-safe; close it to free native memory.
 */
public final class Judge implements AutoCloseable {

    public static final String RESOURCE_DIR = "/io/atelier/micro/judge/";
    public static final String MODEL_FILE = "judge.pt";
    public static final String CARD_FILE = "judge.json";
    private static final int BATCH = 64;

    private final Model model;
    private final JudgeLabels labels;
    private final JsonNode card;

    private Judge(Model model, JudgeLabels labels, JsonNode card) {
        this.model = model;
        this.labels = labels;
        this.card = card;
    }

    /** The judge shipped in the micro jar. */
    public static Judge load() {
        try {
            Path dir = Files.createTempDirectory("atelier-judge");
            try {
                for (String file : List.of(MODEL_FILE, CARD_FILE)) {
                    try (InputStream in = Judge.class.getResourceAsStream(RESOURCE_DIR + file)) {
                        if (in == null) {
                            throw new IllegalStateException("judge resource missing: " + file);
                        }
                        Files.copy(in, dir.resolve(file), StandardCopyOption.REPLACE_EXISTING);
                    }
                }
                return load(dir);
            } finally {
                Files.deleteIfExists(dir.resolve(MODEL_FILE));
                Files.deleteIfExists(dir.resolve(CARD_FILE));
                Files.deleteIfExists(dir);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A judge from a folder holding judge.pt and judge.json. */
    public static Judge load(Path dir) throws IOException {
        JsonNode card = new ObjectMapper().readTree(dir.resolve(CARD_FILE).toFile());
        JsonNode l = card.get("labels");
        JudgeLabels labels = new JudgeLabels(strings(l.get("category")), strings(l.get("colour")),
                strings(l.get("pattern")), strings(l.get("details")));
        Model model = Model.newInstance("judge", "PyTorch");
        try {
            model.load(dir, "judge");
        } catch (MalformedModelException e) {
            model.close();
            throw new IOException("judge model unreadable", e);
        }
        return new Judge(model, labels, card);
    }

    private static List<String> strings(JsonNode array) {
        List<String> list = new ArrayList<>();
        array.forEach(node -> list.add(node.asText()));
        return list;
    }

    public JudgeLabels labels() {
        return labels;
    }

    /** The judge's card (judge.json): input convention, labels, training settings, held-out accuracy. */
    public JsonNode card() {
        return card;
    }

    public JudgeVerdict score(BufferedImage image) {
        return scoreAll(List.of(image)).get(0);
    }

    public List<JudgeVerdict> scoreAll(List<BufferedImage> images) {
        List<JudgeVerdict> verdicts = new ArrayList<>(images.size());
        for (int from = 0; from < images.size(); from += BATCH) {
            List<BufferedImage> batch = images.subList(from, Math.min(images.size(), from + BATCH));
            float[] input = new float[batch.size() * JudgeInput.LENGTH];
            for (int i = 0; i < batch.size(); i++) {
                JudgeInput.write(batch.get(i), input, i * JudgeInput.LENGTH);
            }
            float[] logits = forward(input, batch.size());
            for (int i = 0; i < batch.size(); i++) {
                verdicts.add(verdict(logits, i * labels.outputs()));
            }
        }
        return verdicts;
    }

    private synchronized float[] forward(float[] input, int n) {
        try (NDManager manager = model.getNDManager().newSubManager()) {
            NDArray x = manager.create(input, new Shape(n, 3, JudgeInput.SIZE, JudgeInput.SIZE));
            NDList out = model.getBlock().forward(new ParameterStore(manager, false), new NDList(x), false);
            return out.singletonOrThrow().toFloatArray();
        }
    }

    private JudgeVerdict verdict(float[] logits, int base) {
        Map<String, Double> confidences = new LinkedHashMap<>();
        String category = argmax(logits, base, labels.categories(), confidences);
        String colour = argmax(logits, base + labels.colourOffset(), labels.colours(), confidences);
        String pattern = argmax(logits, base + labels.patternOffset(), labels.patterns(), confidences);
        List<String> details = new ArrayList<>();
        for (int i = 0; i < labels.details().size(); i++) {
            double p = 1 / (1 + Math.exp(-logits[base + labels.detailOffset() + i]));
            String token = labels.details().get(i);
            confidences.put("detail:" + token, p);
            if (p >= 0.5) {
                details.add(token);
                confidences.put(token, p);
            }
        }
        return new JudgeVerdict(category, colour, pattern, details, confidences);
    }

    /** Softmax over one head; records the winner's probability. */
    private static String argmax(float[] logits, int offset, List<String> names, Map<String, Double> confidences) {
        int best = 0;
        for (int i = 1; i < names.size(); i++) {
            if (logits[offset + i] > logits[offset + best]) {
                best = i;
            }
        }
        double sum = 0;
        for (int i = 0; i < names.size(); i++) {
            sum += Math.exp(logits[offset + i] - logits[offset + best]);
        }
        confidences.put(names.get(best), 1 / sum);
        return names.get(best);
    }

    @Override
    public void close() {
        model.close();
    }
}
