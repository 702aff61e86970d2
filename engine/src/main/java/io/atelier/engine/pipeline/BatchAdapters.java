package io.atelier.engine.pipeline;

import io.atelier.engine.AdapterSpec;
import java.util.List;

/**
 * How a loaded model takes a batch's adapters: an atelier package writes its adapter into the UNet's LoRA slots
 * ({@link LoraSlots}); a checkpoint runs over merged copies of the tensors its kohya LoRAs change
 * ({@link CheckpointLoras}). Called on the pipeline's thread, one batch at a time.
 */
interface BatchAdapters {
    /**
     * Puts the batch's adapters in place before its first forward; closing the result puts the base model back.
     *
     * @param adapter the single adapter, or null
     * @param loras kohya LoRAs with weights (never null, maybe empty)
     * @throws io.atelier.engine.InvalidGenerationParameterException naming {@code adapter} or {@code loras} when one
     *     cannot be read or does not fit the model; the model is then left as it was
     */
    Applied apply(AdapterSpec adapter, List<AdapterSpec> loras);

    /** The adapters of one batch, in place until closed. */
    interface Applied extends AutoCloseable {
        @Override
        void close();
    }
}
