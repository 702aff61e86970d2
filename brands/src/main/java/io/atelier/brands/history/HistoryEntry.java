package io.atelier.brands.history;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The provenance of one job: every parameter it ran with, so that its images can be regenerated exactly, and who
 * asked for them. Saved when the job is accepted and again when it finishes.
 *
 * @param id                record id (written into the PNGs' XMP); see {@link HistoryRepository#newId()}
 * @param jobId             the job
 * @param kind              the submitting method, e.g. {@code images.generate}
 * @param brand             brand id; null for unbranded work
 * @param client            client name and version from {@code session.initialize}
 * @param status            {@code queued}, {@code running}, {@code succeeded}, {@code failed} or {@code cancelled}
 * @param request           the params exactly as the client sent them
 * @param prompt            the designer's own words, as searched by {@link HistoryRepository#search}
 * @param resolvedPrompt    the prompt the model received: canonical tokens, or glossary text for a CLIP model
 * @param model             model id
 * @param modelSha256       hash of the model's UNet as its package declares it; for a checkpoint file, the whole file's
 * @param adapter           adapter id; null when none applied
 * @param adapterSha256     hash of the adapter file
 * @param adapterWeight     weight the adapter was applied with
 * @param datasetSha256     hash of the dataset the adapter learnt from
 * @param width             pixels
 * @param height            pixels
 * @param steps             sampling steps
 * @param guidance          guidance scale
 * @param sampler           sampler name
 * @param seed              the seed actually used
 * @param imageIds          the images produced, in seed order
 * @param digitalSourceType IPTC digital source type written into the PNGs
 * @param createdAt         when the job was accepted
 * @param finishedAt        when it finished; null while it runs
 * @param loras             the kohya LoRAs applied, in the order they were listed then tagged; empty when none
 * @param notes             what the job could not do as asked, in sentences (a palette colour the model did not
 *                          approach, a capsule piece the judge read otherwise); empty when none
 */
public record HistoryEntry(String id, String jobId, String kind, String brand, String client, String status,
                           Map<String, Object> request, String prompt, String resolvedPrompt, String model,
                           String modelSha256, String adapter, String adapterSha256, Double adapterWeight,
                           String datasetSha256, Integer width, Integer height, Integer steps, Double guidance,
                           String sampler, Long seed, List<String> imageIds, String digitalSourceType,
                           Instant createdAt, Instant finishedAt, List<AppliedLora> loras, List<String> notes) {

    public HistoryEntry {
        request = request == null ? Map.of() : request;
        notes = notes == null ? List.of() : List.copyOf(notes);
        loras = loras == null ? List.of() : List.copyOf(loras);
        imageIds = imageIds == null ? List.of() : List.copyOf(imageIds);
    }

    /** Without notes (a job that did everything as asked). */
    public HistoryEntry(String id, String jobId, String kind, String brand, String client, String status,
                        Map<String, Object> request, String prompt, String resolvedPrompt, String model,
                        String modelSha256, String adapter, String adapterSha256, Double adapterWeight,
                        String datasetSha256, Integer width, Integer height, Integer steps, Double guidance,
                        String sampler, Long seed, List<String> imageIds, String digitalSourceType,
                        Instant createdAt, Instant finishedAt, List<AppliedLora> loras) {
        this(id, jobId, kind, brand, client, status, request, prompt, resolvedPrompt, model, modelSha256, adapter,
                adapterSha256, adapterWeight, datasetSha256, width, height, steps, guidance, sampler, seed, imageIds,
                digitalSourceType, createdAt, finishedAt, loras, List.of());
    }

    /** This entry as finished: its status, images and end time. */
    public HistoryEntry finished(String newStatus, List<String> images, Instant at) {
        return new HistoryEntry(id, jobId, kind, brand, client, newStatus, request, prompt, resolvedPrompt, model,
                modelSha256, adapter, adapterSha256, adapterWeight, datasetSha256, width, height, steps, guidance,
                sampler, seed, images, digitalSourceType, createdAt, at, loras, notes);
    }

    /** This entry with {@code more} notes after its own. */
    public HistoryEntry withNotes(List<String> more) {
        List<String> all = new java.util.ArrayList<>(notes);
        all.addAll(more);
        return new HistoryEntry(id, jobId, kind, brand, client, status, request, prompt, resolvedPrompt, model,
                modelSha256, adapter, adapterSha256, adapterWeight, datasetSha256, width, height, steps, guidance,
                sampler, seed, imageIds, digitalSourceType, createdAt, finishedAt, loras, all);
    }
}
