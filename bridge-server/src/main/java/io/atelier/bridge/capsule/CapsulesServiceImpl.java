package io.atelier.bridge.capsule;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.atelier.brands.BrandStore;
import io.atelier.brands.InvalidInputException;
import io.atelier.brands.brand.Brand;
import io.atelier.brands.capsule.CapsulePlan;
import io.atelier.brands.capsule.CapsulePlanner;
import io.atelier.brands.capsule.PiecePlan;
import io.atelier.brands.palette.PaletteEntry;
import io.atelier.brands.palette.PaletteResolver;
import io.atelier.bridge.adapters.AdapterResolver;
import io.atelier.bridge.generate.GenerationEngines;
import io.atelier.bridge.generate.PromptResolution;
import io.atelier.bridge.jobs.JobHandler;
import io.atelier.bridge.jobs.JobManager;
import io.atelier.bridge.jobs.JobRecord;
import io.atelier.bridge.rpc.AtelierException;
import io.atelier.bridge.rpc.Caller;
import io.atelier.bridge.services.ClientNames;
import io.atelier.engine.DiffusionEngine;
import io.atelier.engine.model.ModelManifest;
import io.atelier.micro.flats.CaptionWriter;
import io.atelier.micro.flats.FlatSpec;
import io.atelier.micro.judge.Judge;
import io.atelier.protocol.CapsulesGenerateParams;
import io.atelier.protocol.JobSubmitted;
import io.atelier.taxonomy.AttributeKind;
import io.atelier.taxonomy.PromptStyle;
import io.atelier.taxonomy.Taxonomy;
import io.atelier.taxonomy.TaxonomyResolver;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * {@code capsules.generate}: everything that can be refused is refused at submit (brand, looks, pieces per look,
 * categories, palette, model), the capsule is planned then (so the plan is a function of the params and the seed),
 * and the drawing runs as a job of kind {@code capsules.generate} in the brand's scope ({@link CapsuleJob}), journalled so
 * that a restart draws it again from its start ({@link #replay}). The judge
 * is loaded on the first capsule and closed with the bridge.
 */
public final class CapsulesServiceImpl implements AutoCloseable {
    /** The kind of a capsule's job. */
    public static final String KIND = CapsuleJob.KIND;
    public static final int MIN_LOOKS = 2;
    public static final int MAX_LOOKS = 12;
    public static final int MAX_PIECES_PER_LOOK = 4;
    public static final int DEFAULT_PIECES_PER_LOOK = 3;
    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() { };

    private final DiffusionEngine engine;
    private final JobManager jobs;
    private final BrandStore brands;
    private final ClientNames clients;
    private final AdapterResolver adapters;
    private final PromptResolution prompts;
    private final Taxonomy taxonomy = Taxonomy.standard();
    private final PaletteResolver palettes = new PaletteResolver(taxonomy);
    private final Clock clock = Clock.systemUTC();
    private final SecureRandom random = new SecureRandom();
    private final ObjectMapper mapper = new ObjectMapper();
    private Judge judge;

    public CapsulesServiceImpl(DiffusionEngine engine, JobManager jobs, BrandStore brands, ClientNames clients,
                               AdapterResolver adapters) {
        this.engine = engine;
        this.jobs = jobs;
        this.brands = brands;
        this.clients = clients;
        this.adapters = adapters;
        this.prompts = new PromptResolution(brands);
    }

    /** {@code capsules.generate} as {@code caller} calls it. */
    public JobSubmitted generate(CapsulesGenerateParams params, Caller caller) {
        Accepted accepted = accept(params, caller, clients.nameOf(caller));
        return new JobSubmitted(jobs.submit(CapsuleJob.KIND, caller, accepted.brand(), null, accepted.replay(),
                accepted.job()));
    }

    /**
     * Rebuilds a capsule after a restart from what {@link #generate} journalled: the params with the seed and model
     * fixed at submit, checked again (the brand or model may have gone), so the same plan is drawn from its start.
     */
    public JobHandler replay(JobRecord record, Caller owner) {
        Map<String, Object> replay = record.replay();
        CapsulesGenerateParams params = mapper.convertValue(replay.get("params"), CapsulesGenerateParams.class);
        return accept(params, owner, (String) replay.get("client")).job();
    }

    /** A validated capsule: its job, its brand, and what a restart needs to run it again. */
    private record Accepted(CapsuleJob job, String brand, Map<String, Object> replay) {
    }

    private Accepted accept(CapsulesGenerateParams params, Caller caller, String clientName) {
        if (params == null || params.brand() == null || params.brand().isBlank()) {
            throw AtelierException.invalidParams("brand", "Name the brand the capsule is for.");
        }
        // Step 1: the numbers and words, before anything is looked up (the dispatcher's TextLimits already bound the
        // theme and every other string to 256 characters).
        if (params.looks() == null || params.looks() < MIN_LOOKS || params.looks() > MAX_LOOKS) {
            throw AtelierException.invalidParams("looks", "A capsule has " + MIN_LOOKS + " to " + MAX_LOOKS
                    + " looks.");
        }
        int piecesPerLook = params.piecesPerLook() == null ? DEFAULT_PIECES_PER_LOOK : params.piecesPerLook();
        if (piecesPerLook < 1 || piecesPerLook > MAX_PIECES_PER_LOOK) {
            throw AtelierException.invalidParams("piecesPerLook", "A look has 1 to " + MAX_PIECES_PER_LOOK
                    + " pieces.");
        }
        List<String> categories = categories(params.categories(), piecesPerLook);
        // Step 2: brand, palette, model, adapter: each must exist and be visible.
        Brand brand = prompts.brand(caller, params.brand());
        List<PaletteEntry> palette = palette(params.palette(), brand);
        ModelManifest manifest = GenerationEngines.manifest(engine, params.model());
        AdapterResolver.Choice adapter = adapters.choose(caller.brandScope(), brand.id(), null, null,
                manifest.id());
        // Step 3: the plan, fixed now; the job draws it.
        long seed = params.seed() != null ? params.seed() : random.nextLong() >>> 20;
        CapsulePlan plan = new CapsulePlanner(taxonomy).plan(params.theme(), params.looks(), piecesPerLook,
                categories, palette, seed);
        Map<String, Object> request = new LinkedHashMap<>();
        request.put("brand", brand.id());
        request.put("theme", params.theme());
        request.put("looks", params.looks());
        request.put("piecesPerLook", piecesPerLook);
        request.put("categories", categories);
        request.put("palette", palette.stream().map(PaletteEntry::name).toList());
        request.put("seed", seed);
        request.put("model", manifest.id());
        CapsuleJob.Setup setup = new CapsuleJob.Setup(brand, plan, seed, manifest, adapter,
                promptWriter(brand, manifest, adapter), clientName, caller.tokenId(), request);
        Map<String, Object> replay = new LinkedHashMap<>();
        replay.put("params", mapper.convertValue(new CapsulesGenerateParams(brand.id(), params.theme(),
                params.looks(), piecesPerLook, categories, palette.stream().map(PaletteEntry::name).toList(), seed,
                manifest.id()), MAP));
        replay.put("client", clientName);
        replay.put(JobManager.REPLAY_MODEL, manifest.id()); // in a team, a worker with this model draws it
        return new Accepted(new CapsuleJob(setup, engine, this::judge, brands.history(), clock), brand.id(), replay);
    }

    /** Categories as canonical tokens (French or English words are understood too); unknown ones are refused. */
    private List<String> categories(List<String> asked, int piecesPerLook) {
        if (asked == null || asked.isEmpty()) {
            return taxonomy.tokens(AttributeKind.CATEGORY);
        }
        TaxonomyResolver resolver = new TaxonomyResolver(taxonomy);
        List<String> tokens = new ArrayList<>();
        for (String word : asked) {
            String token = word == null ? null : taxonomy.kindOf(word).orElse(null) == AttributeKind.CATEGORY ? word
                    : resolver.resolve(word).tokens().stream()
                    .filter(t -> taxonomy.kindOf(t).orElse(null) == AttributeKind.CATEGORY).findFirst().orElse(null);
            if (token == null) {
                throw AtelierException.invalidParams("categories", "'" + word + "' is not a garment category ("
                        + String.join(", ", taxonomy.tokens(AttributeKind.CATEGORY)) + ").");
            }
            if (!tokens.contains(token)) {
                tokens.add(token);
            }
        }
        if (tokens.size() < piecesPerLook) {
            throw AtelierException.invalidParams("categories", "A look of " + piecesPerLook + " pieces needs at least "
                    + piecesPerLook + " different categories.");
        }
        return tokens;
    }

    private List<PaletteEntry> palette(List<String> asked, Brand brand) {
        try {
            List<PaletteEntry> entries = asked == null || asked.isEmpty() ? palettes.ofBrand(brand)
                    : palettes.resolve(asked, brand);
            if (entries.isEmpty()) {
                throw AtelierException.invalidParams("palette", "The brand has no palette: give the capsule one.");
            }
            return entries;
        } catch (InvalidInputException e) {
            throw AtelierException.invalidParams(e.field(), e.reason());
        }
    }

    /**
     * How a piece is told to the model: atelier-micro gets its canonical tokens, headed by the brand's trigger token
     * when the brand's adapter is applied and the piece is in a house colour (the adapter learnt that colour under
     * it); a CLIP model gets the English caption.
     */
    private Function<PiecePlan, String> promptWriter(Brand brand, ModelManifest manifest,
                                                     AdapterResolver.Choice adapter) {
        if (PromptStyle.forFamily(manifest.family()) == PromptStyle.GLOSSARY) {
            CaptionWriter writer = new CaptionWriter(taxonomy);
            return p -> writer.english(new FlatSpec(p.category(), p.colour().token(), p.pattern(), p.details(),
                    p.material(), 0L));
        }
        return p -> {
            boolean house = adapter != null && p.colour().houseColour() && brands.resolver()
                    .resolve(brand, p.colour().name(), null).tokens().contains(brand.triggerToken());
            return (house ? brand.triggerToken() + " " : "") + p.canonicalPrompt();
        };
    }

    private synchronized Judge judge() {
        if (judge == null) {
            judge = Judge.load();
        }
        return judge;
    }

    @Override
    public synchronized void close() {
        if (judge != null) {
            judge.close();
            judge = null;
        }
    }
}
