package io.atelier.bridge.capsule;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.atelier.brands.brand.Brand;
import io.atelier.brands.capsule.CapsulePlan;
import io.atelier.brands.capsule.PiecePlan;
import io.atelier.brands.history.HistoryEntry;
import io.atelier.brands.history.HistoryStatus;
import io.atelier.brands.history.HistoryRepository;
import io.atelier.bridge.adapters.AdapterResolver;
import io.atelier.bridge.generate.ModelHashes;
import io.atelier.bridge.jobs.JobContext;
import io.atelier.bridge.jobs.JobHandler;
import io.atelier.engine.DiffusionEngine;
import io.atelier.engine.GenerationRequest;
import io.atelier.engine.GenerationSettings;
import io.atelier.engine.image.Provenance;
import io.atelier.engine.image.ProvenancePng;
import io.atelier.engine.model.ModelManifest;
import io.atelier.micro.judge.Judge;
import io.atelier.protocol.ImageRef;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;
import javax.imageio.ImageIO;

/**
 * Runs one {@code capsules.generate}: draws and checks every piece ({@link JudgedDrawing}), stores each flat with its
 * provenance and history record, then the contact sheet, the spec sheets (JSON) and the PDF. Results, in order: the
 * pieces look by look, the contact sheet, the JSON, the PDF.
 */
final class CapsuleJob implements JobHandler {
    static final String KIND = "capsules.generate";
    /** Beyond this ΔE*ab from its palette entry, a drawn piece did not approach the colour (see PaletteOutcome). */
    static final double FAR = 20;

    /** What the job needs beyond its plan, fixed at submit. */
    record Setup(Brand brand, CapsulePlan plan, long seed, ModelManifest manifest,
                 AdapterResolver.Choice adapter, Function<PiecePlan, String> prompts, String client,
                 String ownerToken, Map<String, Object> request) {
    }

    private final Setup setup;
    private final DiffusionEngine engine;
    private final Supplier<Judge> judge;
    private final HistoryRepository history;
    private final Clock clock;
    private final ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    CapsuleJob(Setup setup, DiffusionEngine engine, Supplier<Judge> judge, HistoryRepository history, Clock clock) {
        this.setup = setup;
        this.engine = engine;
        this.judge = judge;
        this.history = history;
        this.clock = clock;
    }

    @Override
    public List<ImageRef> run(JobContext ctx) {
        Brand brand = setup.brand();
        String model = setup.manifest().id();
        String adapterId = setup.adapter() == null ? null : setup.adapter().record().id();
        // Step 1: draw and check every piece.
        Map<PiecePlan, GenerationRequest> requests = new LinkedHashMap<>();
        for (PiecePlan piece : setup.plan().pieces()) {
            requests.put(piece, GenerationRequest.of(setup.prompts().apply(piece)).withModel(model)
                    .withSeed(piece.seed()).withCount(1)
                    .withAdapter(setup.adapter() == null ? null : setup.adapter().spec()));
        }
        List<DrawnPiece> drawn = new JudgedDrawing(engine, judge.get()).draw(requests, setup.plan().palette(), ctx);
        ctx.throwIfCancelled();

        // Step 2: each flat with its history record and provenance.
        SpecSheets sheets = new SpecSheets(io.atelier.taxonomy.Taxonomy.standard(), brand);
        List<ImageRef> refs = new ArrayList<>();
        List<PieceSpec> specs = new ArrayList<>();
        List<String> unsatisfied = new ArrayList<>();
        for (DrawnPiece piece : drawn) {
            String recordId = HistoryRepository.newId();
            ImageRef ref = ctx.images().put(ProvenancePng.write(piece.delivered(),
                    new Provenance(recordId, model, adapterId, false, null)), ctx.brand(), ctx.ownerTokenId());
            List<String> notes = notes(piece, sheets.caption(piece.plan()));
            if (!piece.agrees()) {
                unsatisfied.add(notes.get(0));
            }
            history.save(record(recordId, ctx.jobId(), piece, ref, notes), setup.ownerToken());
            refs.add(ref);
            specs.add(sheets.spec(piece, model, adapterId, recordId, ref.id()));
        }

        // Step 3: contact sheet, spec sheets, PDF.
        String lookLabel = sheets.language().equals("fr") ? "Silhouette" : "Look";
        List<List<java.awt.image.BufferedImage>> flats = new ArrayList<>();
        List<List<String>> captions = new ArrayList<>();
        List<List<CapsulePdf.Piece>> pages = new ArrayList<>();
        int index = 0;
        for (List<PiecePlan> look : setup.plan().looks()) {
            List<java.awt.image.BufferedImage> row = new ArrayList<>();
            List<String> rowCaptions = new ArrayList<>();
            List<CapsulePdf.Piece> page = new ArrayList<>();
            for (int i = 0; i < look.size(); i++, index++) {
                row.add(drawn.get(index).delivered());
                rowCaptions.add(specs.get(index).caption());
                page.add(new CapsulePdf.Piece(drawn.get(index).delivered(), SpecLines.of(specs.get(index),
                        sheets.language())));
            }
            flats.add(row);
            captions.add(rowCaptions);
            pages.add(page);
        }
        refs.add(ctx.images().put(png(CapsuleContactSheet.draw(brand.displayName(), setup.plan().theme(), lookLabel,
                flats, captions)), ctx.brand(), ctx.ownerTokenId()));
        unsatisfied.addAll(coloursNotApproached(drawn));
        long agreeing = drawn.stream().filter(DrawnPiece::agrees).count();
        long patterns = drawn.stream().filter(d -> d.plan().pattern().equals(d.verdict().pattern())).count();
        CapsuleSheet sheet = new CapsuleSheet(brand.id(), brand.displayName(), setup.plan().theme(),
                sheets.language(), setup.seed(), setup.plan().palette().stream().map(e -> sheets.colour(e, Double.NaN))
                .toList(), specs, agreeing + "/" + drawn.size(), patterns + "/" + drawn.size(), unsatisfied);
        refs.add(ctx.images().putDocument(bytes(sheet), "application/json", ctx.brand(), ctx.ownerTokenId()));
        refs.add(ctx.images().putDocument(CapsulePdf.write(brand.displayName(), setup.plan().theme(), pages,
                lookLabel), "application/pdf", ctx.brand(), ctx.ownerTokenId()));
        return refs;
    }

    /** What this piece could not satisfy, in sentences naming it as the caption does. */
    private static List<String> notes(DrawnPiece piece, String caption) {
        List<String> notes = new ArrayList<>();
        String name = String.format(Locale.ROOT, "Look %d, piece %d (%s)", piece.plan().look(), piece.plan().piece(),
                caption);
        if (!piece.agrees()) {
            notes.add(String.format(Locale.ROOT, "%s: after %d drawings the judge still reads a %s in %s, not a %s in "
                    + "%s.", name, piece.attempts(), piece.verdict().category(), piece.verdict().colour(),
                    piece.plan().category(), piece.plan().colour().token()));
        }
        if (piece.deltaE() > FAR) {
            notes.add(String.format(Locale.ROOT, "%s: the model drew it at ΔE %.0f from '%s' (%s); the palette lock "
                    + "moved it there.", name, piece.deltaE(), piece.plan().colour().name(),
                    piece.plan().colour().hex()));
        }
        return notes;
    }

    /** One sentence per palette entry the model left far from in some pieces, with the range of ΔE. */
    private static List<String> coloursNotApproached(List<DrawnPiece> drawn) {
        Map<String, List<DrawnPiece>> far = new LinkedHashMap<>();
        for (DrawnPiece piece : drawn) {
            if (piece.deltaE() > FAR) {
                far.computeIfAbsent(piece.plan().colour().name(), k -> new ArrayList<>()).add(piece);
            }
        }
        List<String> sentences = new ArrayList<>();
        far.forEach((name, pieces) -> {
            double min = pieces.stream().mapToDouble(DrawnPiece::deltaE).min().orElse(0);
            double max = pieces.stream().mapToDouble(DrawnPiece::deltaE).max().orElse(0);
            sentences.add(String.format(Locale.ROOT, "'%s' (%s): the model drew %d piece%s at ΔE %.0f to %.0f from it "
                    + "(it knows %s as its nearest colour); the palette lock moved them there.", name,
                    pieces.get(0).plan().colour().hex(), pieces.size(), pieces.size() > 1 ? "s" : "", min, max,
                    pieces.get(0).plan().colour().token()));
        });
        return sentences;
    }

    private HistoryEntry record(String id, String jobId, DrawnPiece piece, ImageRef ref, List<String> notes) {
        GenerationSettings s = piece.settings();
        Map<String, Object> request = new LinkedHashMap<>(setup.request());
        request.put("look", piece.plan().look());
        request.put("piece", piece.plan().piece());
        var adapter = setup.adapter();
        HistoryEntry.Builder entry = HistoryEntry.builder(id, KIND, HistoryStatus.SUCCEEDED).jobId(jobId)
                .brand(setup.brand().id()).client(setup.client()).request(request)
                .prompt(piece.plan().canonicalPrompt(), setup.prompts().apply(piece.plan()))
                .model(setup.manifest().id(), ModelHashes.declared(setup.manifest())).size(s.width(), s.height())
                .sampling(s.steps(), s.guidance(), s.sampler().wireName(), piece.seed()).imageIds(List.of(ref.id()))
                .digitalSourceType(Provenance.TRAINED).createdAt(clock.instant()).finishedAt(clock.instant())
                .notes(notes);
        if (adapter != null) {
            entry.adapter(adapter.record().id(), adapter.record().fileSha256(), adapter.spec().weight(),
                    adapter.record().spec().datasetSha256());
        }
        return entry.build();
    }

    private byte[] bytes(CapsuleSheet sheet) {
        try {
            return json.writeValueAsBytes(sheet);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a spec sheet is plain data", e);
        }
    }

    private static byte[] png(java.awt.image.BufferedImage image) {
        try (ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            ImageIO.write(image, "png", out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
