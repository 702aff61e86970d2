package io.atelier.brands.training;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import io.atelier.micro.train.Checkpoint;
import io.atelier.micro.train.LossLog;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Where an adapter training picks up, for every trainer (atelier-micro's and an SD checkpoint's): from the last
 * checkpoint in the work folder, its loss log cut back to that step; or from the start, with no loss log.
 */
final class AdapterResume {
    /** What a trainer restores: its LoRA weights and optimiser state as saved at {@code step}. */
    @FunctionalInterface
    interface Restorable {
        void restore(Map<String, NDArray> saved, int step);
    }

    private AdapterResume() {
    }

    /** @param scope where the saved arrays are read (closed once restored) */
    static void resume(Path checkpointDir, Path workDir, NDManager scope, LossLog lossLog, String stage,
                       Restorable trainer) throws IOException {
        var progress = Checkpoint.readProgress(checkpointDir);
        if (progress.isPresent() && progress.get().step() > 0) {
            try (NDManager loadScope = scope.newSubManager()) {
                trainer.restore(Checkpoint.readArrays(checkpointDir, loadScope), progress.get().step());
            }
            lossLog.truncateAfter(stage, progress.get().step(), List.of(stage));
        } else {
            Files.deleteIfExists(workDir.resolve("loss.csv"));
        }
    }
}
