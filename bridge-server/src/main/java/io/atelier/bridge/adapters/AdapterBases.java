package io.atelier.bridge.adapters;

import io.atelier.brands.InvalidInputException;
import io.atelier.brands.training.AdapterTrainer;
import io.atelier.brands.training.AdapterTrainingOptions;
import io.atelier.brands.training.CheckpointAdapterTrainer;
import io.atelier.brands.training.TrainedAdapter;
import io.atelier.brands.training.TrainingExample;
import io.atelier.brands.training.TrainingListener;
import io.atelier.engine.UnknownModelException;
import io.atelier.engine.model.CheckpointFile;
import io.atelier.engine.model.ModelManifest;
import io.atelier.engine.model.ModelPackage;
import io.atelier.engine.model.ModelRegistry;
import io.atelier.engine.model.ModelSource;
import io.atelier.micro.model.AtelierMicroModel;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Supplier;

/**
 * The models brand adapters are trained on, and the trainer each takes (the one home of that choice, for new
 * trainings and for those resumed after a restart): atelier-micro, whose UNet has LoRA slots ({@link AdapterTrainer}),
 * and SD-1.x checkpoints ({@link CheckpointAdapterTrainer}).
 */
final class AdapterBases {

    /** Trains or resumes an adapter in a work folder. */
    interface Trainer {
        TrainedAdapter train(Path workDir, List<TrainingExample> examples, AdapterTrainingOptions options,
                             TrainingListener listener);
    }

    /**
     * A model adapters can be trained on.
     *
     * @param id its model id
     * @param sha256 what adapters record as its hash: atelier-micro's UNet file hash; for a checkpoint its revision
     *     (size and modification time: hashing gigabytes would hold up the call), the file's SHA-256 being written
     *     into the adapter file by the training itself
     * @param maxRank the highest rank it takes
     */
    record Base(String id, String sha256, int maxRank, Supplier<Trainer> trainer) {
    }

    private final Supplier<ModelPackage> micro;
    private final ModelRegistry registry;

    AdapterBases(Supplier<ModelPackage> micro, ModelRegistry registry) {
        this.micro = micro;
        this.registry = registry;
    }

    /**
     * @param modelIdOrNull null: atelier-micro
     * @throws InvalidInputException ({@code model}) an unknown model, or one adapters are not trained on
     */
    Base base(String modelIdOrNull) {
        if (modelIdOrNull == null || modelIdOrNull.equals(AtelierMicroModel.ID)) {
            ModelPackage model = micro.get();
            return new Base(model.id(), model.manifest().components().get(ModelManifest.UNET).sha256(),
                    AdapterTrainingOptions.DEFAULT_RANK, () -> new AdapterTrainer(micro.get())::train);
        }
        ModelSource source;
        try {
            source = registry.source(modelIdOrNull);
        } catch (UnknownModelException e) {
            throw new InvalidInputException("model", "unknown model '" + modelIdOrNull + "'");
        }
        if (source instanceof CheckpointFile checkpoint) {
            return new Base(checkpoint.id(), "revision:" + checkpoint.revision(), CHECKPOINT_MAX_RANK,
                    () -> new CheckpointAdapterTrainer(checkpoint)::train);
        }
        throw new InvalidInputException("model", "adapters are trained on " + AtelierMicroModel.ID
                + " or on a Stable Diffusion 1.x checkpoint, not on '" + modelIdOrNull + "'");
    }

    /** kohya's usual ranks for SD-1.x run from 4 to 128; past that a LoRA is nearly a fine-tune. */
    static final int CHECKPOINT_MAX_RANK = 128;
}
