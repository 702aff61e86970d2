package io.atelier.brands.training;

import io.atelier.brands.safetensors.Tensor;
import java.util.List;

/**
 * The result of a training run, ready for {@link io.atelier.brands.adapter.AdapterPublisher}.
 *
 * @param tensors kohya-named lora_down, lora_up and alpha tensors
 * @param steps steps trained
 * @param rank LoRA rank
 * @param alpha LoRA alpha (= rank: the adapter applies at its weight)
 * @param baseUnetSha256 hash of the UNet file it was trained on
 * @param finalLoss mean loss over the last steps
 * @param seconds training time of this run (a resumed run counts only its own part)
 * @param baseParametersDigest SHA-256 over every base (non-LoRA) UNet parameter after training; the trainer refuses
 *     to return when it differs from the digest taken before (base weights must stay bit-identical)
 */
public record TrainedAdapter(List<Tensor> tensors, int steps, int rank, double alpha, String baseUnetSha256,
                             double finalLoss, double seconds, String baseParametersDigest) {
}
