package io.atelier.brands.history;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The provenance of one job: every parameter it ran with, so that its images can be regenerated exactly, and who
 * asked for them. Saved when the job starts running and again when it finishes (a job still queued has none yet).
 * Built by name: {@link #builder}, or {@link #started}/{@link #finished} from an existing one.
 *
 * @param id                record id (written into the PNGs' XMP); see {@link HistoryRepository#newId()}
 * @param jobId             the job
 * @param kind              the submitting method, e.g. {@code images.generate}
 * @param brand             brand id; null for unbranded work
 * @param client            client name and version from {@code session.initialize}
 * @param status            where the job is
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
public record HistoryEntry(String id, String jobId, String kind, String brand, String client, HistoryStatus status,
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

    /** A record to fill in by name; every field not set stays null (lists empty). */
    public static Builder builder(String id, String kind, HistoryStatus status) {
        return new Builder(id, kind, status);
    }

    /** This entry as its job starts: the job id, status running, not finished. */
    public HistoryEntry started(String runningJobId) {
        return new HistoryEntry(id, runningJobId, kind, brand, client, HistoryStatus.RUNNING, request, prompt,
                resolvedPrompt, model, modelSha256, adapter, adapterSha256, adapterWeight, datasetSha256, width,
                height, steps, guidance, sampler, seed, imageIds, digitalSourceType, createdAt, null, loras, notes);
    }

    /** This entry with the model's hash (a checkpoint's is computed while its job runs, not at submit). */
    public HistoryEntry withModelSha256(String sha256) {
        return new HistoryEntry(id, jobId, kind, brand, client, status, request, prompt, resolvedPrompt, model,
                sha256, adapter, adapterSha256, adapterWeight, datasetSha256, width, height, steps, guidance,
                sampler, seed, imageIds, digitalSourceType, createdAt, finishedAt, loras, notes);
    }

    /** This entry as finished: its status, images and end time. */
    public HistoryEntry finished(HistoryStatus newStatus, List<String> images, Instant at) {
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

    /** Fills a {@link HistoryEntry} by name; see {@link HistoryEntry}'s parameters for each field's meaning. */
    public static final class Builder {
        private final String id;
        private final String kind;
        private final HistoryStatus status;
        private String jobId;
        private String brand;
        private String client;
        private Map<String, Object> request;
        private String prompt;
        private String resolvedPrompt;
        private String model;
        private String modelSha256;
        private String adapter;
        private String adapterSha256;
        private Double adapterWeight;
        private String datasetSha256;
        private Integer width;
        private Integer height;
        private Integer steps;
        private Double guidance;
        private String sampler;
        private Long seed;
        private List<String> imageIds;
        private String digitalSourceType;
        private Instant createdAt;
        private Instant finishedAt;
        private List<AppliedLora> loras;
        private List<String> notes;

        private Builder(String id, String kind, HistoryStatus status) {
            this.id = id;
            this.kind = kind;
            this.status = status;
        }

        public Builder jobId(String value) {
            jobId = value;
            return this;
        }

        public Builder brand(String value) {
            brand = value;
            return this;
        }

        public Builder client(String value) {
            client = value;
            return this;
        }

        public Builder request(Map<String, Object> value) {
            request = value;
            return this;
        }

        /** The designer's words and what the model received. */
        public Builder prompt(String designers, String resolved) {
            prompt = designers;
            resolvedPrompt = resolved;
            return this;
        }

        public Builder model(String id, String sha256) {
            model = id;
            modelSha256 = sha256;
            return this;
        }

        /** The brand adapter applied; all null when none. */
        public Builder adapter(String id, String sha256, Double weight, String learntFromDatasetSha256) {
            adapter = id;
            adapterSha256 = sha256;
            adapterWeight = weight;
            datasetSha256 = learntFromDatasetSha256;
            return this;
        }

        public Builder size(Integer w, Integer h) {
            width = w;
            height = h;
            return this;
        }

        public Builder sampling(Integer stepCount, Double guidanceScale, String samplerName, Long firstSeed) {
            steps = stepCount;
            guidance = guidanceScale;
            sampler = samplerName;
            seed = firstSeed;
            return this;
        }

        public Builder imageIds(List<String> value) {
            imageIds = value;
            return this;
        }

        public Builder digitalSourceType(String value) {
            digitalSourceType = value;
            return this;
        }

        public Builder createdAt(Instant value) {
            createdAt = value;
            return this;
        }

        public Builder finishedAt(Instant value) {
            finishedAt = value;
            return this;
        }

        public Builder loras(List<AppliedLora> value) {
            loras = value;
            return this;
        }

        public Builder notes(List<String> value) {
            notes = value;
            return this;
        }

        public HistoryEntry build() {
            return new HistoryEntry(id, jobId, kind, brand, client, status, request, prompt, resolvedPrompt, model,
                    modelSha256, adapter, adapterSha256, adapterWeight, datasetSha256, width, height, steps, guidance,
                    sampler, seed, imageIds, digitalSourceType, createdAt, finishedAt, loras, notes);
        }
    }
}
