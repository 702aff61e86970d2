package io.atelier.bridge.brands;

import io.atelier.brands.brand.Brand;
import io.atelier.brands.brand.BrandPolicy;
import io.atelier.brands.brand.PaletteColour;
import io.atelier.brands.brand.VocabularyTerm;
import io.atelier.brands.dataset.DatasetItem;
import io.atelier.brands.history.HistoryEntry;
import io.atelier.brands.image.StoredImage;
import io.atelier.brands.taxonomy.BrandResolution;
import io.atelier.brands.taxonomy.ResolvedTerm;
import io.atelier.protocol.HistoryRecord;
import io.atelier.protocol.ImageRef;
import io.atelier.protocol.TaxonomyResolveResult;
import io.atelier.protocol.TaxonomyTerm;

import java.util.List;
import java.util.function.Function;

/** Protocol records to and from the brands module's domain records; no logic beyond renaming. */
final class ProtocolMapping {

    private ProtocolMapping() {
    }

    static io.atelier.protocol.Brand brand(Brand brand) {
        return new io.atelier.protocol.Brand(brand.id(), brand.displayName(), brand.languages(),
                brand.palette().stream().map(c -> new io.atelier.protocol.PaletteColour(c.name(), c.hex())).toList(),
                brand.vocabulary().stream().map(t -> new TaxonomyTerm(t.term(), t.lang(), t.canonical())).toList(),
                new io.atelier.protocol.BrandPolicy(brand.policy().embedPrompt()), brand.triggerToken());
    }

    static List<PaletteColour> palette(List<io.atelier.protocol.PaletteColour> palette) {
        return palette == null ? null : palette.stream()
                .map(c -> c == null ? null : new PaletteColour(c.name(), c.hex())).toList();
    }

    static List<VocabularyTerm> vocabulary(List<TaxonomyTerm> terms) {
        return terms == null ? null : terms.stream()
                .map(t -> t == null ? null : new VocabularyTerm(t.term(), t.lang(), t.canonical())).toList();
    }

    static BrandPolicy policy(io.atelier.protocol.BrandPolicy policy) {
        return policy == null ? null : new BrandPolicy(policy.embedPrompt());
    }

    static ImageRef image(StoredImage image) {
        return new ImageRef(image.id(), image.width(), image.height(), image.mime(), "/images/" + image.id() + ".png",
                image.sha256());
    }

    static io.atelier.protocol.DatasetItem datasetItem(DatasetItem item) {
        return new io.atelier.protocol.DatasetItem(item.itemId(), item.brand(), image(item.image()), item.caption(),
                item.tags(), item.source(), item.addedAt().toString(), item.captionProposed());
    }

    static TaxonomyResolveResult resolution(BrandResolution resolution) {
        return new TaxonomyResolveResult(resolution.prompt(),
                resolution.matchedTerms().stream().map(ProtocolMapping::term).toList(), resolution.unknownTerms());
    }

    private static TaxonomyTerm term(ResolvedTerm term) {
        return new TaxonomyTerm(term.term(), term.lang(), term.canonical());
    }

    /** @param images how a stored image id becomes a reference (ids the caller may no longer see are left out) */
    static HistoryRecord history(HistoryEntry e, Function<String, ImageRef> images) {
        List<ImageRef> refs = e.imageIds().stream().map(images).filter(java.util.Objects::nonNull).toList();
        return new HistoryRecord(e.id(), e.jobId(), e.kind(), e.brand(), e.client(), e.request(), e.resolvedPrompt(),
                e.model(), e.modelSha256(), e.adapter(), e.adapterSha256(), e.adapterWeight(), e.datasetSha256(),
                e.width(), e.height(), e.steps(), e.guidance(), e.sampler(), e.seed(), refs, e.digitalSourceType(),
                e.createdAt().toString(), e.finishedAt() == null ? null : e.finishedAt().toString(),
                e.loras().isEmpty() ? null : e.loras().stream()
                        .map(l -> new io.atelier.protocol.AppliedLora(l.name(), l.weight(), l.sha256())).toList(),
                e.notes().isEmpty() ? null : e.notes());
    }
}
