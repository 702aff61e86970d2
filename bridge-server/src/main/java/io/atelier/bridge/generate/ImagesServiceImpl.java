package io.atelier.bridge.generate;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.atelier.brands.BrandStore;
import io.atelier.brands.brand.Brand;
import io.atelier.brands.history.AppliedLora;
import io.atelier.brands.history.HistoryEntry;
import io.atelier.brands.history.HistoryRepository;
import io.atelier.brands.history.HistoryStatus;
import io.atelier.bridge.adapters.AdapterResolver;
import io.atelier.bridge.adapters.AdapterServices;
import io.atelier.bridge.images.ImageStore;
import io.atelier.bridge.jobs.JobHandler;
import io.atelier.bridge.jobs.JobManager;
import io.atelier.bridge.jobs.JobRecord;
import io.atelier.bridge.rpc.AtelierException;
import io.atelier.bridge.rpc.Caller;
import io.atelier.bridge.services.ClientNames;
import io.atelier.engine.AdapterSpec;
import io.atelier.engine.DiffusionEngine;
import io.atelier.engine.GenerationRequest;
import io.atelier.engine.GenerationSettings;
import io.atelier.engine.image.Provenance;
import io.atelier.engine.model.LoraFolder;
import io.atelier.engine.model.ModelManifest;
import io.atelier.protocol.ErrorCodes;
import io.atelier.protocol.ImagesGenerateParams;
import io.atelier.protocol.ImagesUpscaleParams;
import io.atelier.protocol.JobSubmitted;
import io.atelier.protocol.LoraWeight;
import io.atelier.protocol.service.ImagesService;
import io.atelier.taxonomy.PromptStyle;
import io.atelier.taxonomy.Taxonomy;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * {@code images.upscale} is {@link ImageUpscaling}'s. {@code images.generate}: everything that can be refused is refused at submit (params, images, brand, model), then
 * the work runs as a job of kind {@code images.generate} in the brand's scope (see {@link GenerateJob}).
 */
public final class ImagesServiceImpl implements AutoCloseable {
    public static final String KIND = "images.generate";
    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() { };

    private final DiffusionEngine engine;
    private final JobManager jobs;
    private final BrandStore brands;
    private final ClientNames clients;
    private final ImageInputs inputs;
    private final PromptResolution prompts;
    private final ModelHashes hashes;
    private final PaletteSteering paletteSteering = new PaletteSteering(Taxonomy.standard());
    private final ObjectMapper mapper = new ObjectMapper();
    private final Clock clock = Clock.systemUTC();
    private final ExecutorService progressExecutor = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "atelier-progress");
        thread.setDaemon(true);
        return thread;
    });

    private final AdapterResolver adapters;
    private final ImageUpscaling upscaling;

    public ImagesServiceImpl(DiffusionEngine engine, JobManager jobs, ImageStore images, BrandStore brands,
                             ClientNames clients, AdapterResolver adapters) {
        this.adapters = adapters;
        this.engine = engine;
        this.jobs = jobs;
        this.brands = brands;
        this.clients = clients;
        this.inputs = new ImageInputs(images);
        this.prompts = new PromptResolution(brands);
        this.hashes = new ModelHashes(engine.models());
        this.upscaling = new ImageUpscaling(engine, jobs, images, brands::history, progressExecutor, clock);
    }

    /** The protocol's {@code images.*} as {@code caller} calls them: what the dispatcher binds for one call. */
    public ImagesService forCaller(Caller caller) {
        return new ImagesService() {
            @Override
            public JobSubmitted generate(ImagesGenerateParams params) {
                return ImagesServiceImpl.this.generate(params, caller);
            }

            @Override
            public JobSubmitted upscale(ImagesUpscaleParams params) {
                return ImagesServiceImpl.this.upscale(params, caller);
            }
        };
    }

    JobSubmitted generate(ImagesGenerateParams params, Caller caller) {
        if (params == null || params.prompt() == null) {
            throw AtelierException.invalidParams("prompt", "Give a prompt.");
        }
        // A retried submission (same token, same key) answers the job it already made, before any work.
        var earlier = jobs.submittedAs(caller, params.clientRequestId());
        if (earlier.isPresent()) {
            return new JobSubmitted(earlier.get());
        }
        Accepted accepted = accept(params, caller, HistoryRepository.newId(), clients.nameOf(caller));
        return new JobSubmitted(jobs.submit(KIND, caller, accepted.plan().brand(), params.clientRequestId(),
                accepted.replay(), accepted.job()));
    }

    /**
     * Rebuilds a job after a restart from what {@link #generate} journalled: the params with images by stored id and
     * the seed, model and adapter fixed at submit, checked again (a brand, image or model may have gone), under the
     * same history record id, so the images come back the same and history keeps one record.
     */
    JobHandler replay(JobRecord record, Caller owner) {
        Map<String, Object> replay = record.replay();
        ImagesGenerateParams params = mapper.convertValue(replay.get("params"), ImagesGenerateParams.class);
        return accept(params, owner, (String) replay.get("historyId"), (String) replay.get("client")).job();
    }

    /** {@link ImageUpscaling#replay}, for the bridge's job manager. */
    JobHandler replayUpscale(JobRecord record, Caller owner) {
        return upscaling.replay(record, owner);
    }

    /** A validated request: its job, and what a restart needs to run it again. */
    private record Accepted(GenerationPlan plan, GenerateJob job, Map<String, Object> replay) {
    }

    private Accepted accept(ImagesGenerateParams params, Caller caller, String historyId, String clientName) {
        // Step 1: brand, adapter, model: each must exist and be visible, else not found.
        Brand brand = prompts.brand(caller, params.brand());
        ModelManifest manifest = manifest(params.model());
        // With a brand, its current adapter (or the one named) at adapterWeight; without a brand, none.
        AdapterResolver.Choice adapter = adapters.choose(caller.brandScope(),
                brand == null ? null : brand.id(), params.adapter(), params.adapterWeight(), manifest.id());

        // Step 2: images, safely decoded against the model's pixel limit.
        long maxPixels = manifest.effectiveMaxPixels();
        InputImage init = inputs.read(params.initImage(), "initImage", caller, maxPixels);
        InputImage mask = inputs.read(params.mask(), "mask", caller, maxPixels);

        // Step 3: the designer's words through the brand's taxonomy, written as this model reads prompts (canonical
        // tokens for atelier-micro, the glossary for CLIP models); history records what the model receives.
        PromptStyle style = PromptStyle.forFamily(manifest.family());
        PromptResolution.Resolved prompt = prompts.resolve(brand, params.prompt(), params.negativePrompt(),
                params.lang(), style);
        prompt = prompts.withHouseCodes(prompt, brand, adapter != null && adapter.spec().weight() > 0);
        // Step 3b: the palette, as colour words in that prompt (the lock, if asked, runs on the drawn pixels).
        String promptColour = prompts.colourToken(brand, params.prompt(), params.lang());
        PaletteSteering.Steer palette = paletteSteering.steer(params.palette(), params.paletteLock(), brand,
                promptColour);
        if (palette != null) {
            prompt = new PromptResolution.Resolved(paletteSteering.apply(prompt.prompt(), palette, style,
                    promptColour), prompt.negativePrompt());
        }

        // Step 4: the engine checks every range; the seed is fixed now so that history knows it.
        GenerationRequest request = GenerationRequest.of(prompt.prompt()).withModel(manifest.id())
                .withNegativePrompt(prompt.negativePrompt()).withSize(params.width(), params.height())
                .withSteps(params.steps()).withGuidance(params.guidance()).withSampler(params.sampler())
                .withSeed(params.seed()).withCount(params.count())
                .withInitImage(init == null ? null : init.image(), params.strength())
                .withMask(mask == null ? null : mask.image())
                .withAdapter(adapter == null ? null : adapter.spec())
                .withLoras(loras(params.loras()));
        GenerationSettings settings;
        try {
            settings = engine.validate(request);
        } catch (RuntimeException e) {
            throw EngineErrors.translate(e);
        }
        request = request.withSeed(settings.firstSeed());

        // Step 5: the job, with its history record.
        String brandId = brand == null ? null : brand.id();
        HistoryEntry record = historyEntry(historyId, clientName, params, brandId, caller, prompt.prompt(), manifest,
                settings, init, mask, adapter, applied(settings.loras()));
        boolean embedPrompt = brand == null || brand.policy() == null || brand.policy().embedPrompt();
        GenerationPlan plan = new GenerationPlan(request, settings, embedPrompt, record, palette);
        // Step 6: what a restart needs: the params as history keeps them (images by id), with the choices made now
        // (seed, model, adapter) written in, so that a re-run draws the same pixels.
        Map<String, Object> again = new LinkedHashMap<>(record.request());
        again.put("seed", settings.firstSeed());
        again.put("model", manifest.id());
        if (adapter != null) {
            again.put("adapter", adapter.record().id());
        }
        Map<String, Object> replay = new LinkedHashMap<>();
        replay.put("params", again);
        replay.put("historyId", historyId);
        replay.put("client", clientName);
        // In a team, only workers that have this model claim the job.
        replay.put(io.atelier.bridge.jobs.JobManager.REPLAY_MODEL, manifest.id());
        return new Accepted(plan, new GenerateJob(plan, engine, brands.history(), progressExecutor, clock,
                caller.tokenId(), () -> hashes.of(manifest)), replay);
    }

    /** The request's LoRAs by name, as files of the LoRA folder; an unknown name is refused naming {@code loras}. */
    private List<AdapterSpec> loras(List<LoraWeight> listed) {
        if (listed == null || listed.isEmpty()) {
            return List.of();
        }
        List<AdapterSpec> specs = new ArrayList<>();
        for (LoraWeight lora : listed) {
            if (lora == null || lora.name() == null || lora.name().isBlank()) {
                throw AtelierException.invalidParams("loras", "Each LoRA needs the name loras.list gives it.");
            }
            try {
                specs.add(new AdapterSpec(engine.models().loras().resolve(lora.name(), "loras"), lora.weight()));
            } catch (RuntimeException e) {
                throw EngineErrors.translate(e);
            }
        }
        return specs;
    }

    /** What history keeps of the LoRAs the engine will apply (listed and tagged): name, weight, file hash. */
    private List<AppliedLora> applied(List<AdapterSpec> loras) {
        List<AppliedLora> applied = new ArrayList<>();
        for (AdapterSpec lora : loras) {
            String sha256;
            try {
                sha256 = hashes.ofFile(lora.file());
            } catch (java.io.IOException e) {
                sha256 = null; // removed meanwhile: the job will say so when it runs
            }
            applied.add(new AppliedLora(LoraFolder.nameOf(lora.file()), lora.weight(), sha256));
        }
        return applied;
    }

    JobSubmitted upscale(ImagesUpscaleParams params, Caller caller) {
        return new JobSubmitted(upscaling.submit(params, caller, clients.nameOf(caller)));
    }

    private ModelManifest manifest(String modelOrNull) {
        return GenerationEngines.manifest(engine, modelOrNull);
    }

    private HistoryEntry historyEntry(String historyId, String clientName, ImagesGenerateParams params,
                                      String brandId, Caller caller,
                                      String resolvedPrompt, ModelManifest manifest, GenerationSettings s,
                                      InputImage init, InputImage mask, AdapterResolver.Choice adapter,
                                      List<AppliedLora> loras) {
        // The params as sent, images named by the id they are stored under (base64 would bloat every record).
        Map<String, Object> sent = new LinkedHashMap<>(mapper.convertValue(params, MAP));
        if (init != null) {
            sent.put("initImage", Map.of("id", inputs.keep(init, brandId, caller)));
        }
        if (mask != null) {
            sent.put("mask", Map.of("id", inputs.keep(mask, brandId, caller)));
        }
        String sourceType = s.redraw() ? Provenance.COMPOSITE : Provenance.TRAINED;
        HistoryEntry.Builder entry = HistoryEntry.builder(historyId, KIND, HistoryStatus.QUEUED).brand(brandId)
                .client(clientName).request(sent).prompt(params.prompt(), resolvedPrompt)
                .model(manifest.id(), ModelHashes.declared(manifest)).size(s.width(), s.height())
                .sampling(s.steps(), s.guidance(), s.sampler().wireName(), s.firstSeed())
                .digitalSourceType(sourceType).createdAt(clock.instant()).loras(loras);
        if (adapter != null) {
            entry.adapter(adapter.record().id(), adapter.record().fileSha256(), adapter.spec().weight(),
                    adapter.record().spec().datasetSha256());
        }
        return entry.build();
    }

    @Override
    public void close() {
        upscaling.close();
        progressExecutor.shutdownNow();
    }
}
