package io.atelier.brands.dataset;

import io.atelier.brands.brand.Brand;
import io.atelier.brands.brand.PaletteColour;
import io.atelier.micro.flats.CaptionWriter;
import io.atelier.micro.flats.FlatSpec;
import io.atelier.micro.judge.Judge;
import io.atelier.micro.judge.JudgeVerdict;
import io.atelier.taxonomy.AttributeKind;
import io.atelier.taxonomy.Taxonomy;
import io.atelier.taxonomy.TaxonomyEntry;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Proposes a caption from what the judge sees: category, colour, pattern and the details it is sure of, written in
 * the brand's first language with the taxonomy's agreement rules. Where the garment's measured colour is nearer to
 * one of the house's palette colours than to any taxonomy colour, the caption names the house colour
 * ({@code une robe vert Exemple unie}), so a stylist confirming it keeps the house vocabulary.
 */
public final class JudgeCaptionProposer implements CaptionProposer, AutoCloseable {

    /** Below this category probability the image is not a flat the judge knows: nothing is proposed. */
    static final double MIN_CATEGORY_CONFIDENCE = 0.5;
    /** The details head is the judge's weakest (96% held out, zip 87%); only details it is sure of are written. */
    static final double MIN_DETAIL_CONFIDENCE = 0.8;
    /** A palette colour further than this (RGB distance) from the garment is not the garment's colour. */
    static final double MAX_PALETTE_DISTANCE = 60;

    /** The caller's judge, or null for the shipped one, loaded on first use and closed with {@link #close()}. */
    private final Supplier<Judge> judge;
    private Judge loaded;
    private final Taxonomy taxonomy;
    private final CaptionWriter writer;

    /**
     * @param judge gives the judge to score with (the caller keeps and closes it); null: the shipped judge, loaded on
     *              first use (loading costs a second; a bridge that never proposes never pays) and closed by close()
     */
    public JudgeCaptionProposer(Supplier<Judge> judge) {
        this.judge = judge;
        this.taxonomy = Taxonomy.standard();
        this.writer = new CaptionWriter(taxonomy);
    }

    /** A proposer that loads the shipped judge on its first proposal and closes it with {@link #close()}. */
    public static JudgeCaptionProposer loadingOnFirstUse() {
        return new JudgeCaptionProposer(null);
    }

    private synchronized Judge judge() {
        if (judge != null) {
            return judge.get();
        }
        if (loaded == null) {
            loaded = Judge.load();
        }
        return loaded;
    }

    @Override
    public synchronized void close() {
        if (loaded != null) {
            loaded.close();
            loaded = null;
        }
    }

    @Override
    public Optional<String> propose(BufferedImage decoded, Brand brand) {
        Optional<Color> garment = GarmentColour.of(decoded);
        if (garment.isEmpty()) {
            return Optional.empty();
        }
        JudgeVerdict verdict = judge().score(decoded);
        if (verdict.confidences().getOrDefault(verdict.category(), 0.0) < MIN_CATEGORY_CONFIDENCE) {
            return Optional.empty();
        }
        FlatSpec spec = new FlatSpec(verdict.category(), verdict.colour(), verdict.pattern(),
                confidentDetails(verdict), null, 0L).validated(taxonomy);
        String houseColour = houseColour(garment.get(), brand).orElse(null);
        boolean french = brand.languages().isEmpty() || brand.languages().get(0).equals("fr");
        return Optional.of(french ? writer.french(spec, houseColour) : writer.english(spec, houseColour));
    }

    /** Details applicable to the category with high probability; of the sleeve lengths, only the likeliest. */
    private List<String> confidentDetails(JudgeVerdict verdict) {
        List<String> applicable = taxonomy.applicableDetails(verdict.category());
        List<String> details = new ArrayList<>();
        FlatSpec.SLEEVE_LENGTHS.stream().filter(applicable::contains)
                .max(Comparator.comparingDouble(s -> verdict.confidences().getOrDefault("detail:" + s, 0.0)))
                .filter(s -> verdict.confidences().getOrDefault("detail:" + s, 0.0) >= 0.5)
                .ifPresent(details::add);
        for (String detail : applicable) {
            if (!FlatSpec.SLEEVE_LENGTHS.contains(detail)
                    && verdict.confidences().getOrDefault("detail:" + detail, 0.0) >= MIN_DETAIL_CONFIDENCE) {
                details.add(detail);
            }
        }
        return details;
    }

    /** The palette colour nearest to the garment, when it is nearer than every taxonomy colour. */
    private Optional<String> houseColour(Color garment, Brand brand) {
        double nearestTaxonomy = Double.MAX_VALUE;
        for (TaxonomyEntry colour : taxonomy.entries(AttributeKind.COLOUR)) {
            nearestTaxonomy = Math.min(nearestTaxonomy, GarmentColour.distance(garment, Color.decode(colour.rgb())));
        }
        PaletteColour best = null;
        double bestDistance = Double.MAX_VALUE;
        for (PaletteColour colour : brand.palette()) {
            double d = GarmentColour.distance(garment, Color.decode(colour.hex()));
            if (d < bestDistance) {
                best = colour;
                bestDistance = d;
            }
        }
        return best != null && bestDistance < nearestTaxonomy && bestDistance <= MAX_PALETTE_DISTANCE
                ? Optional.of(best.name()) : Optional.empty();
    }
}
