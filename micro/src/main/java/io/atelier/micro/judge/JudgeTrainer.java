package io.atelier.micro.judge;

import ai.djl.MalformedModelException;
import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.pytorch.engine.PtSymbolBlock;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.GradientCollector;
import ai.djl.training.Trainer;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.atelier.micro.flats.FlatSpec;
import io.atelier.taxonomy.Taxonomy;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Trains the judge from Java with DJL autograd on the untrained TorchScript module authored by
 * {@code tools/micro/author_judge.py}, on flats generated on the fly (seeded, so a run is reproducible), and writes
 * {@code judge.pt} + {@code judge.json} (labels, settings, held-out accuracy). Resumable: a checkpoint of the weights
 * and the step reached is written every {@code checkpointEvery} steps and picked up on restart (Adam's moments
 * restart from zero on resume).
 *
 * <pre>./mvnw -q -B -pl micro -am compile dependency:build-classpath -Dmdep.outputFile=/tmp/micro.cp
 * java -cp micro/target/classes:$(cat /tmp/micro.cp) io.atelier.micro.judge.JudgeTrainer --steps 5000 --batch 32 --threads 1 \
 *     --checkpoints work-runs/judge2 --checkpoint-every 250
 * # then, resuming from its checkpoint (warm restarts: the cosine picks up where the new total puts it, Adam restarts):
 * java ... io.atelier.micro.judge.JudgeTrainer --steps 11000 (then 14000, then 16500) --batch 32 --threads 1 --checkpoints work-runs/judge2 --checkpoint-every 250
 * </pre>
 * (from the repository root; see {@link JudgeTrainerOptions} for every option). The shipped judge was trained with
 * these settings; the seconds on its card add up both runs.
 */
public final class JudgeTrainer {

    private final JudgeTrainerOptions options;
    private final JudgeLabels labels = JudgeLabels.of(Taxonomy.standard());

    public JudgeTrainer(JudgeTrainerOptions options) {
        this.options = options;
    }

    public static void main(String[] args) throws Exception {
        JudgeTrainerOptions options = JudgeTrainerOptions.parse(args);
        System.setProperty("ai.djl.pytorch.num_threads", String.valueOf(options.threads()));
        System.setProperty("ai.djl.pytorch.num_interop_threads", "1");
        JudgeAccuracy accuracy = new JudgeTrainer(options).run();
        System.out.println(accuracy);
    }

    /** Training seeds: the run seed in the high bits, the sample index in the low 32 (always below 2^40). */
    static long trainingSeed(int runSeed, long sampleIndex) {
        return ((long) (runSeed & 0xFF) << 32) | (sampleIndex & 0xFFFFFFFFL);
    }

    public JudgeAccuracy run() throws IOException, MalformedModelException {
        Path checkpoints = options.checkpoints();
        Files.createDirectories(checkpoints);
        Path state = checkpoints.resolve("state.json");
        ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        int startStep = 0;
        double secondsBefore = 0; // time spent by the runs this one resumes: the card reports the total
        Path weights = options.init();
        // Read now: --out may be the folder of the judge being fine-tuned, whose card the end of the run replaces.
        ObjectNode init = initProvenance(mapper);
        if (Files.exists(state)) {
            var saved = mapper.readTree(state.toFile());
            if (saved.get("seed").asInt() == options.seed() && saved.get("batch").asInt() == options.batch()) {
                startStep = saved.get("step").asInt();
                secondsBefore = saved.path("seconds").asDouble(0);
                weights = checkpoints.resolve("judge.pt");
                System.out.println("resuming at step " + startStep + " from " + weights);
            }
        }
        long started = System.nanoTime();
        try (Model model = Model.newInstance("judge", "PyTorch")) {
            // Trap: without trainParam=true the module loads for inference and its parameters cannot be updated.
            model.load(weights.getParent(), baseName(weights), Map.of("trainParam", "true"));
            PtSymbolBlock block = (PtSymbolBlock) model.getBlock();
            final int offset = startStep;
            Tracker cosine = update -> cosineRate(offset + update);
            DefaultTrainingConfig config = new DefaultTrainingConfig(new JudgeLoss(labels))
                    .optOptimizer(Optimizer.adam().optLearningRateTracker(cosine).build());
            try (Trainer trainer = model.newTrainer(config)) {
                // initialize() registers the parameters with the optimizer; dropout and batch norm need train mode.
                trainer.initialize(new Shape(options.batch(), 3, JudgeInput.SIZE, JudgeInput.SIZE));
                JniUtils.enableTrainingMode(block);
                double smoothed = Double.NaN;
                ExecutorService drawer = Executors.newSingleThreadExecutor(r -> {
                    Thread thread = new Thread(r, "judge-flats");
                    thread.setDaemon(true);
                    return thread;
                });
                final int first = startStep;
                Future<Batch> next = drawer.submit(() -> draw(first));
                for (int step = startStep; step < options.steps(); step++) {
                    Batch data = await(next);
                    final int following = step + 1;
                    next = following < options.steps() ? drawer.submit(() -> draw(following)) : null;
                    double loss = trainStep(trainer, model.getNDManager(), data);
                    smoothed = Double.isNaN(smoothed) ? loss : 0.95 * smoothed + 0.05 * loss;
                    if ((step + 1) % 50 == 0) {
                        System.out.printf("step %d/%d loss %.4f lr %.5f %.1fs (drawing %.1fs in parallel, network %.1fs)%n",
                                step + 1, options.steps(), smoothed, cosineRate(step),
                                (System.nanoTime() - started) / 1e9, drawingNanos / 1e9, networkNanos / 1e9);
                    }
                    if ((step + 1) % options.checkpointEvery() == 0 || step + 1 == options.steps()) {
                        writeModule(block, checkpoints.resolve("judge.pt"));
                        ObjectNode s = mapper.createObjectNode().put("step", step + 1).put("seed", options.seed())
                                .put("batch", options.batch())
                                .put("seconds", secondsBefore + (System.nanoTime() - started) / 1e9);
                        mapper.writeValue(state.toFile(), s);
                    }
                }
                drawer.shutdownNow();
                JniUtils.enableInferenceMode(block);
                Files.createDirectories(options.out());
                writeModule(block, options.out().resolve(Judge.MODEL_FILE));
            }
        }
        double seconds = secondsBefore + (System.nanoTime() - started) / 1e9;
        // Measure through a fresh load of the written file, exactly as users will load it.
        writeCard(mapper, null, seconds, startStep, init);
        JudgeAccuracy accuracy;
        try (Judge judge = Judge.load(options.out())) {
            accuracy = JudgeAccuracy.measure(judge, options.heldOut(), 128);
        }
        writeCard(mapper, accuracy, seconds, startStep, init);
        return accuracy;
    }

    private volatile long drawingNanos;
    private long networkNanos;

    /** One step's flats, drawn on a helper thread while the previous step trains. */
    private record Batch(float[] input, float[] target) {
    }

    private Batch draw(int step) {
        long t0 = System.nanoTime();
        int batch = options.batch();
        float[] input = new float[batch * JudgeInput.LENGTH];
        float[] target = new float[batch * labels.outputs()];
        for (int i = 0; i < batch; i++) {
            long seed = trainingSeed(options.seed(), (long) step * batch + i);
            FlatSpec spec = FlatSpec.random(seed);
            JudgeAugmentation.write(spec, seed, input, i * JudgeInput.LENGTH);
            System.arraycopy(labels.target(spec), 0, target, i * labels.outputs(), labels.outputs());
        }
        drawingNanos += System.nanoTime() - t0;
        return new Batch(input, target);
    }

    private double trainStep(Trainer trainer, NDManager root, Batch data) {
        long t1 = System.nanoTime();
        int batch = options.batch();
        // A sub-manager per step: forward outputs attach to the input's manager, and this frees them all.
        try (NDManager manager = root.newSubManager()) {
            NDArray x = manager.create(data.input(), new Shape(batch, 3, JudgeInput.SIZE, JudgeInput.SIZE));
            NDArray y = manager.create(data.target(), new Shape(batch, labels.outputs()));
            double loss;
            try (GradientCollector collector = trainer.newGradientCollector()) {
                NDList predictions = trainer.forward(new NDList(x));
                NDArray value = trainer.getLoss().evaluate(new NDList(y), predictions);
                loss = value.getFloat();
                collector.backward(value);
            }
            trainer.step();
            networkNanos += System.nanoTime() - t1;
            return loss;
        }
    }

    private static Batch await(Future<Batch> future) {
        try {
            return future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while drawing flats", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("drawing flats failed", e.getCause());
        }
    }

    /** Cosine decay from the base rate to 5 % of it over the run. */
    private float cosineRate(int step) {
        double progress = Math.min(1.0, step / (double) Math.max(1, options.steps()));
        double factor = 0.05 + 0.95 * 0.5 * (1 + Math.cos(Math.PI * progress));
        return (float) (options.learningRate() * factor);
    }

    private static void writeModule(PtSymbolBlock block, Path file) throws IOException {
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        try (OutputStream out = Files.newOutputStream(tmp)) {
            JniUtils.writeModule(block, out, false); // false: a plain TorchScript file, no size prefix
        }
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /**
     * Where the starting weights came from. A trained judge (a judge.json beside the --init file) is recorded with its
     * own card's training and held-out figures, so a fine-tuned judge's steps and seconds are not mistaken for the
     * whole of its training.
     */
    private ObjectNode initProvenance(ObjectMapper mapper) throws IOException {
        ObjectNode init = mapper.createObjectNode().put("file", options.init().toString());
        Path card = options.init().resolveSibling(Judge.CARD_FILE);
        if (Files.exists(card)) {
            JsonNode previous = mapper.readTree(card.toFile());
            init.put("weights", "trained: this run fine-tunes that judge");
            init.set("training", previous.get("training"));
            init.set("heldOut", previous.get("heldOut"));
        } else {
            init.put("weights", "untrained");
        }
        return init;
    }

    private void writeCard(ObjectMapper mapper, JudgeAccuracy accuracy, double seconds, int resumedAt,
                           ObjectNode init) throws IOException {
        ObjectNode card = mapper.createObjectNode();
        card.put("formatVersion", 1);
        card.put("taxonomyVersion", Taxonomy.standard().version());
        ObjectNode input = card.putObject("input");
        input.put("width", JudgeInput.SIZE).put("height", JudgeInput.SIZE).put("layout", "NCHW RGB")
                .put("range", "[0, 1]")
                .put("resize", "as is at 128 px (native), box average when the side is a multiple of 128, bilinear otherwise");
        card.put("output", "logits: category | colour | pattern (softmax heads) | details (sigmoid each)");
        ObjectNode l = card.putObject("labels");
        l.set("category", mapper.valueToTree(labels.categories()));
        l.set("colour", mapper.valueToTree(labels.colours()));
        l.set("pattern", mapper.valueToTree(labels.patterns()));
        l.set("details", mapper.valueToTree(labels.details()));
        ObjectNode training = card.putObject("training");
        training.put("trainer", "io.atelier.micro.judge.JudgeTrainer (DJL " + ai.djl.engine.Engine.getDjlVersion()
                + ", PyTorch engine)");
        training.put("steps", options.steps()).put("batch", options.batch()).put("seed", options.seed())
                .put("learningRate", options.learningRate()).put("threads", options.threads())
                .put("seconds", Math.round(seconds)).put("resumedAtStep", resumedAt)
                .put("detailWeight", JudgeLoss.DETAIL_WEIGHT)
                .put("samples", "FlatSpec.random(seed) for seeds (seed << 32) + i; 128 px, 20 % drawn at 64 px and "
                        + "resampled up; 10 % box-blurred (3 or 5 px), 30 % with Gaussian grain");
        training.set("init", init);
        if (accuracy != null) {
            ObjectNode held = card.putObject("heldOut");
            held.put("samples", accuracy.samples()).put("seeds", "2^40 + i, drawn at 128 px")
                    .put("category", round(accuracy.category())).put("colour", round(accuracy.colour()))
                    .put("pattern", round(accuracy.pattern())).put("details", round(accuracy.details()))
                    .put("detailSets", round(accuracy.detailSets()));
            ObjectNode each = held.putObject("perDetail");
            accuracy.perDetail().forEach((d, rate) -> each.put(d, round(rate)));
        }
        mapper.writeValue(options.out().resolve(Judge.CARD_FILE).toFile(), card);
    }

    private static double round(double v) {
        return Math.round(v * 10000) / 10000.0;
    }

    private static String baseName(Path file) {
        String name = file.getFileName().toString();
        return name.endsWith(".pt") ? name.substring(0, name.length() - 3) : name;
    }
}
