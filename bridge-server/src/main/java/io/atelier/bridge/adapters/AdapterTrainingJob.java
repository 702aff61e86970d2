package io.atelier.bridge.adapters;

import io.atelier.bridge.jobs.JobCancelledException;
import io.atelier.bridge.jobs.JobContext;
import io.atelier.bridge.jobs.JobHandler;
import io.atelier.brands.BrandScope;
import io.atelier.brands.BrandStore;
import io.atelier.brands.adapter.AdapterRecord;
import io.atelier.brands.adapter.AdapterStatus;
import io.atelier.brands.brand.Brand;
import io.atelier.brands.safetensors.AdapterMetadata;
import io.atelier.brands.training.DatasetExamples;
import io.atelier.brands.training.AdapterTrainingOptions;
import io.atelier.brands.training.TrainedAdapter;
import io.atelier.brands.training.TrainingCancelledException;
import io.atelier.brands.training.TrainingExample;
import io.atelier.brands.training.TrainingListener;
import io.atelier.protocol.ImageRef;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * The {@code adapters.train} job for one registered adapter version (fresh, or left in training by a restart: the
 * work folder's checkpoint makes it resume). Publishes only a completely trained adapter; a cancel or a failure ends
 * the version without a file. Its result image is the loss curve.
 */
final class AdapterTrainingJob implements JobHandler {
    private final BrandStore store;
    private final Supplier<AdapterBases.Trainer> trainer;
    private final Path home;
    private final AdapterRecord adapter;
    private final AdapterTrainingOptions template;

    AdapterTrainingJob(BrandStore store, Supplier<AdapterBases.Trainer> trainer, Path home, AdapterRecord adapter,
                       AdapterTrainingOptions template) {
        this.template = template;
        this.store = store;
        this.trainer = trainer;
        this.home = home;
        this.adapter = adapter;
    }

    static Path workDir(Path home, String adapterId) {
        return home.resolve("adapters-work").resolve(adapterId);
    }

    @Override
    public List<ImageRef> run(JobContext ctx) throws Exception {
        Path work = workDir(home, adapter.id());
        try {
            // Step 1: the brand's dataset, captions resolved into model prompts carrying the trigger token.
            Brand brand = store.brands().get(BrandScope.admin(), adapter.brand());
            List<TrainingExample> examples = DatasetExamples.of(store, brand,
                    store.datasets().list(BrandScope.admin(), brand.id()));
            var spec = adapter.spec();
            AdapterTrainingOptions options = template.withSteps(spec.steps())
                    .withRank(spec.rank()).withLearningRate((float) spec.learningRate()).withSeed(spec.seed());
            // Step 2: train (or resume), progress with loss, checkpoints recorded on the registry row.
            TrainedAdapter trained = trainer.get().train(work, examples, options,
                    new TrainingListener() {
                        @Override
                        public void onStep(int step, int totalSteps, float loss) {
                            ctx.trainingProgress(step, totalSteps, loss);
                        }

                        @Override
                        public void onCheckpoint(int step) {
                            store.adapters().progress(adapter.id(), step);
                        }

                        @Override
                        public boolean isCancelled() {
                            return ctx.isCancelled();
                        }
                    });
            ctx.throwIfCancelled();
            // Step 3: publish atomically (file into the blob store, then the row), then drop the work folder.
            AdapterMetadata metadata = new AdapterMetadata(brand.id(), adapter.id(), spec.baseModel(),
                    trained.baseUnetSha256(), spec.datasetSha256(), trained.steps(), trained.rank(), trained.alpha(),
                    brand.triggerToken());
            store.adapterPublisher().publish(adapter.id(), metadata, trained.tensors());
            byte[] curve = Files.readAllBytes(work.resolve("loss.png"));
            List<ImageRef> result = List.of(ctx.images().put(curve, brand.id(), ctx.ownerTokenId()));
            deleteQuietly(work);
            return result;
        } catch (TrainingCancelledException | JobCancelledException e) {
            store.adapters().end(adapter.id(), AdapterStatus.CANCELLED);
            deleteQuietly(work);
            throw e instanceof JobCancelledException cancelled ? cancelled : new JobCancelledException();
        } catch (Exception | Error e) {
            store.adapters().end(adapter.id(), AdapterStatus.FAILED);
            throw e;
        }
    }

    static void deleteQuietly(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (IOException | UncheckedIOException e) {
            // A leftover work folder costs disk space only; the adapter's state is in the registry.
        }
    }
}
