package io.atelier.preview.live;

import io.atelier.client.ImageProvenance;
import io.atelier.preview.garment.GarmentDesign;
import io.atelier.protocol.HistoryGetParams;
import io.atelier.protocol.HistoryRecord;
import io.atelier.protocol.TaxonomyResolveParams;
import io.atelier.protocol.TaxonomyTerm;
import io.atelier.protocol.service.HistoryService;
import io.atelier.protocol.service.TaxonomyService;

import java.util.ArrayList;
import java.util.List;

/**
 * Finds out what a generated image was asked to be, over the protocol: the PNG's XMP names its history record,
 * {@code history.get} gives the prompt and brand, and {@code taxonomy.resolve} says which canonical category and
 * material the prompt's words (French, English or the brand's own) meant. The preview holds no copy of the taxonomy.
 */
public final class DesignReader {
    private final HistoryService history;
    private final TaxonomyService taxonomy;

    public DesignReader(HistoryService history, TaxonomyService taxonomy) {
        this.history = history;
        this.taxonomy = taxonomy;
    }

    /** The design of an Atelier PNG; {@link GarmentDesign#UNKNOWN} for an image without a record. */
    public GarmentDesign read(byte[] png) {
        String recordId = ImageProvenance.recordId(png);
        return recordId == null ? GarmentDesign.UNKNOWN : read(history.get(new HistoryGetParams(recordId)));
    }

    /**
     * The design of a record: the terms of its prompt as the bridge resolves them; for a record without a prompt of
     * its own (a capsule's piece) the canonical tokens of the prompt the model received.
     */
    public GarmentDesign read(HistoryRecord record) {
        List<String> tokens = new ArrayList<>();
        Object prompt = record.request() == null ? null : record.request().get("prompt");
        if (prompt instanceof String text && !text.isBlank()) {
            for (TaxonomyTerm term : taxonomy.resolve(new TaxonomyResolveParams(record.brand(), text, null, null)).matchedTerms()) {
                tokens.add(term.canonical());
            }
        }
        if (record.resolvedPrompt() != null) {
            tokens.addAll(List.of(record.resolvedPrompt().trim().split("[\\s,]+")));
        }
        return GarmentDesign.fromCanonicalTokens(tokens);
    }
}
