package io.atelier.brands.adapter;

import java.time.Instant;

/**
 * One version of a brand's adapter.
 *
 * @param id             {@code <brand>-v<version>}, e.g. {@code maison-exemple-v3}
 * @param brand          owning brand
 * @param version        1, 2, … per brand
 * @param status         where it is in its life
 * @param spec           what it was trained from and with
 * @param stepsDone      steps completed (checkpointed progress while training)
 * @param filePath       the safetensors file, relative to the bridge home; null until {@link AdapterStatus#READY}
 * @param fileSha256     hash of that file
 * @param createdAt      when training started
 * @param finishedAt     when it became ready, failed or was cancelled
 * @param current        applied by default to the brand's generations
 * @param evaluationJson the latest evaluation as JSON, null until evaluated
 */
public record AdapterRecord(String id, String brand, int version, AdapterStatus status, AdapterSpec spec,
                            int stepsDone, String filePath, String fileSha256, Instant createdAt, Instant finishedAt,
                            boolean current, String evaluationJson) {
}
