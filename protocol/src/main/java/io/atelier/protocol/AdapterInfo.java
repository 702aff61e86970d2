package io.atelier.protocol;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * One trained adapter of a brand.
 *
 * @param id adapter id, e.g. {@code maison-exemple-v3}
 * @param brand brand id
 * @param baseModel id of the model it was trained on
 * @param baseModelSha256 hash of that model's UNet
 * @param rank LoRA rank
 * @param steps steps trained
 * @param learningRate learning rate used
 * @param seed seed used
 * @param datasetSha256 hash of the dataset it learnt from
 * @param datasetItems number of dataset items it learnt from
 * @param createdAt ISO-8601 instant training finished
 * @param isCurrent applied by default to the brand's generations
 * @param evaluation the latest evaluation; null until evaluated
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record AdapterInfo(
        @JsonProperty(required = true) String id,
        @JsonProperty(required = true) String brand,
        @JsonProperty(required = true) String baseModel,
        String baseModelSha256,
        int rank,
        int steps,
        double learningRate,
        long seed,
        String datasetSha256,
        int datasetItems,
        String createdAt,
        boolean isCurrent,
        AdapterEvaluation evaluation) {
}
