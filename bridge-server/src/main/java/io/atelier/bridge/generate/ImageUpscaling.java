package io.atelier.bridge.generate;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.atelier.brands.history.HistoryEntry;
import io.atelier.brands.history.HistoryStatus;
import io.atelier.brands.history.HistoryRepository;
import io.atelier.bridge.images.ImageStore;
import io.atelier.bridge.images.StoredImage;
import io.atelier.bridge.jobs.JobHandler;
import io.atelier.bridge.jobs.JobManager;
import io.atelier.bridge.jobs.JobRecord;
import io.atelier.bridge.rpc.AtelierException;
import io.atelier.bridge.rpc.Caller;
import io.atelier.engine.DiffusionEngine;
import io.atelier.engine.image.ProvenancePng;
import io.atelier.engine.upscale.TiledUpscaler;
import io.atelier.engine.upscale.UpscalerPackage;
import io.atelier.engine.upscale.Upscalers;
import io.atelier.protocol.ErrorCodes;
import io.atelier.protocol.ImageInput;
import io.atelier.protocol.ImagesUpscaleParams;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.function.Supplier;

/**
 * {@code images.upscale}: every refusal at submit (params, model, image size from its header), then a job of kind
 * {@code images.upscale} (see {@link UpscaleJob}) in the brand of the source image, when it has one, journalled so
 * that a restart runs it again ({@link #replay}).
 */
final class ImageUpscaling implements AutoCloseable {
    static final String KIND = "images.upscale";
    static final int DEFAULT_SCALE = 4;
    static final int MIN_TILE = 32;
    static final int MAX_TILE = 512;
    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() { };

    private final Upscalers upscalers = new Upscalers();
    private final DiffusionEngine engine;
    private final JobManager jobs;
    private final ImageStore images;
    private final ImageInputs inputs;
    private final Supplier<HistoryRepository> history;
    private final Executor progressExecutor;
    private final Clock clock;
    private final ObjectMapper mapper = new ObjectMapper();

    ImageUpscaling(DiffusionEngine engine, JobManager jobs, ImageStore images, Supplier<HistoryRepository> history, Executor progressExecutor,
                   Clock clock) {
        this.engine = engine;
        this.jobs = jobs;
        this.images = images;
        this.inputs = new ImageInputs(images);
        this.history = history;
        this.progressExecutor = progressExecutor;
        this.clock = clock;
    }

    String submit(ImagesUpscaleParams params, Caller caller, String clientName) {
        Accepted accepted = accept(params, caller, HistoryRepository.newId(), clientName);
        return jobs.submit(KIND, caller, accepted.brand(), null, accepted.replay(), accepted.job());
    }

    /**
     * Rebuilds a job after a restart from what {@link #submit} journalled: the params with the source by stored id,
     * checked again (the image or the upscaler may have gone), under the same history record id.
     */
    JobHandler replay(JobRecord record, Caller owner) {
        Map<String, Object> replay = record.replay();
        ImagesUpscaleParams params = mapper.convertValue(replay.get("params"), ImagesUpscaleParams.class);
        return accept(params, owner, (String) replay.get("historyId"), (String) replay.get("client")).job();
    }

    /** A validated request: its job, the brand it runs in, and what a restart needs to run it again. */
    private record Accepted(UpscaleJob job, String brand, Map<String, Object> replay) {
    }

    private Accepted accept(ImagesUpscaleParams params, Caller caller, String historyId, String clientName) {
        // Step 1: params, each refused with its field before any pixel is read.
        if (params == null || params.image() == null) {
            throw AtelierException.invalidParams("image", "Give the image to upscale as {id} or {base64}.");
        }
        int scale = params.scale() == null ? DEFAULT_SCALE : params.scale();
        if (!UpscalerPackage.SCALES.contains(scale)) {
            throw AtelierException.invalidParams("scale", "scale must be 2, 3, 4 or 8, not " + scale + ".");
        }
        String modelId = params.model() == null ? Upscalers.DEFAULT_ID : params.model();
        if (upscalers.find(modelId).isEmpty()) {
            throw new AtelierException(ErrorCodes.NOT_FOUND, "No upscaler named '" + modelId + "' is installed.",
                    "model");
        }
        int tile = params.tile() == null ? TiledUpscaler.Tiling.DEFAULT.tile() : params.tile();
        if (tile < MIN_TILE || tile > MAX_TILE) {
            throw AtelierException.invalidParams("tile", "tile must be between " + MIN_TILE + " and " + MAX_TILE
                    + " pixels.");
        }
        Double detail = params.detail();
        if (detail != null && !(detail >= 0 && detail <= 1)) {
            throw AtelierException.invalidParams("detail", "detail must be between 0 and 1.");
        }

        // Step 2: the image, its size checked from the header against the output limit before decoding.
        int maxIn = TiledUpscaler.MAX_OUTPUT_SIDE / scale;
        String limit = "images.upscale makes at most " + TiledUpscaler.MAX_OUTPUT_SIDE + "x"
                + TiledUpscaler.MAX_OUTPUT_SIDE + " pixels: at x" + scale + " the image may be at most " + maxIn
                + "x" + maxIn + ".";
        InputImage source;
        try {
            source = inputs.read(params.image(), "image", caller, (long) maxIn * maxIn);
        } catch (AtelierException e) {
            throw e.code() == ErrorCodes.TOO_LARGE
                    ? new AtelierException(ErrorCodes.TOO_LARGE, e.getMessage() + "; " + limit, "image") : e;
        }
        int width = source.image().getWidth();
        int height = source.image().getHeight();
        if (width > maxIn || height > maxIn) {
            throw new AtelierException(ErrorCodes.TOO_LARGE, "image is " + width + "x" + height + "; " + limit,
                    "image");
        }

        // Step 3: the detail pass needs the source's record (its prompt and model): checked before anything is kept.
        ProvenancePng.Source origin = ProvenancePng.readSource(source.bytes());
        UpscaleDetail detailPass = detail == null || detail == 0 ? null
                : UpscaleDetail.plan(detail, origin, caller, history.get(), engine, width * scale, height * scale);

        // Step 4: the job, in the source's brand; the record says what it enlarged and keeps its source type.
        String brand = source.storedId() == null ? null
                : images.find(source.storedId(), caller).map(StoredImage::brand).orElse(null);
        // Kept in the store (by id when it came by id) so that a restart can read it again.
        String keptId = inputs.keep(source, brand, caller);
        Map<String, Object> request = new LinkedHashMap<>();
        request.put("image", Map.of("id", keptId));
        request.put("scale", scale);
        request.put("model", modelId);
        request.put("tile", tile);
        if (origin.recordId() != null) {
            request.put("upscaleOf", origin.recordId());
        }
        if (detailPass != null) {
            request.put("detail", detail);
        }
        String sourceType = io.atelier.engine.image.Provenance.upscale(null, modelId, null,
                origin.digitalSourceType()).digitalSourceType();
        HistoryEntry record = HistoryEntry.builder(historyId, KIND, HistoryStatus.QUEUED).brand(brand)
                .client(clientName).request(request).model(modelId, null).size(width * scale, height * scale)
                .digitalSourceType(sourceType).createdAt(clock.instant()).build();
        UpscaleJob job = new UpscaleJob(upscalers, modelId, scale, new TiledUpscaler.Tiling(tile,
                TiledUpscaler.Tiling.DEFAULT.overlap(), TiledUpscaler.Tiling.DEFAULT.batch()), source.image(),
                detailPass, record, origin.recordId(), history.get(), progressExecutor, clock, caller.tokenId());
        Map<String, Object> again = new LinkedHashMap<>();
        again.put("params", mapper.convertValue(new ImagesUpscaleParams(ImageInput.ofId(keptId), scale, modelId, tile, detailPass == null ? null : detail), MAP));
        again.put("historyId", historyId);
        again.put("client", clientName);
        if (detailPass != null) {
            // In a team, only a worker with the source's diffusion model can redraw the tiles; upscalers are everywhere.
            again.put(JobManager.REPLAY_MODEL, detailPass.template().model());
        }
        return new Accepted(job, brand, again);
    }

    @Override
    public void close() {
        upscalers.close();
    }
}
