package io.atelier.protocol;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;

/**
 * The full provenance of one job: everything needed to regenerate its images exactly, and who asked for them.
 * Result of {@code history.get}. The prompt is brand material: scoped tokens see only their brands' records.
 *
 * @param id record id, also written in the PNGs' XMP
 * @param jobId the job that produced it
 * @param kind the submitting method, e.g. {@code images.generate}
 * @param brand brand id; null for unbranded work
 * @param client the client's name and version from {@code session.initialize}
 * @param request the params exactly as the client sent them
 * @param resolvedPrompt the prompt the model received: canonical tokens or glossary text (see {@code taxonomy.resolve})
 * @param model model id
 * @param modelSha256 hash of the model's UNet (a package's {@code model.json} declares it); for a checkpoint file, the
 *                    sha256 of the whole file
 * @param adapter adapter id; null when none applied
 * @param adapterSha256 hash of the adapter file
 * @param adapterWeight weight the adapter was applied with
 * @param datasetSha256 hash of the dataset the adapter learnt from
 * @param width pixels
 * @param height pixels
 * @param steps sampling steps
 * @param guidance guidance scale
 * @param sampler sampler name
 * @param seed the seed actually used (picked by the bridge when the request had none)
 * @param images the images produced, in seed order
 * @param digitalSourceType the IPTC digital source type written into the PNGs
 * @param createdAt ISO-8601 instant the job was accepted
 * @param finishedAt ISO-8601 instant it finished
 * @param loras the kohya LoRAs applied (from the request's {@code loras} and the prompt's tags), each with its weight
 *              and file hash; absent when none, and from bridges older than this field
 * @param notes what the job could not do as asked, one sentence each (a palette colour the model did not approach,
 *              a capsule piece the judge read otherwise); absent when none
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record HistoryRecord(
        @JsonProperty(required = true) String id,
        @JsonProperty(required = true) String jobId,
        @JsonProperty(required = true) String kind,
        String brand,
        String client,
        Map<String, Object> request,
        String resolvedPrompt,
        String model,
        String modelSha256,
        String adapter,
        String adapterSha256,
        Double adapterWeight,
        String datasetSha256,
        Integer width,
        Integer height,
        Integer steps,
        Double guidance,
        String sampler,
        Long seed,
        @JsonProperty(required = true) List<ImageRef> images,
        String digitalSourceType,
        String createdAt,
        String finishedAt,
        List<AppliedLora> loras,
        List<String> notes) {
}
