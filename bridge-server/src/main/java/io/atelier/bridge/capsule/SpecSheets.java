package io.atelier.bridge.capsule;

import io.atelier.brands.brand.Brand;
import io.atelier.brands.brand.VocabularyTerm;
import io.atelier.brands.capsule.PiecePlan;
import io.atelier.brands.palette.PaletteEntry;
import io.atelier.micro.flats.CaptionWriter;
import io.atelier.micro.flats.FlatSpec;
import io.atelier.taxonomy.Taxonomy;
import io.atelier.taxonomy.TaxonomyEntry;
import io.atelier.taxonomy.Wording;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** Writes a capsule's spec sheets: each piece's words in French and English, and the house's own words it uses. */
final class SpecSheets {
    private final Taxonomy taxonomy;
    private final CaptionWriter captions;
    private final Brand brand;
    private final boolean french;

    SpecSheets(Taxonomy taxonomy, Brand brand) {
        this.taxonomy = taxonomy;
        this.captions = new CaptionWriter(taxonomy);
        this.brand = brand;
        this.french = brand.languages().isEmpty() || brand.languages().get(0).equals("fr");
    }

    String language() {
        return french ? "fr" : "en";
    }

    /** The piece in a sentence in the brand's language, naming its colour as the house does. */
    String caption(PiecePlan piece) {
        FlatSpec spec = new FlatSpec(piece.category(), piece.colour().token(), piece.pattern(), piece.details(),
                piece.material(), 0L);
        String colourName = piece.colour().houseColour() ? piece.colour().name() : null;
        return french ? captions.french(spec, colourName) : captions.english(spec, colourName);
    }

    PieceSpec spec(DrawnPiece drawn, String model, String adapter, String historyId, String imageId) {
        PiecePlan p = drawn.plan();
        List<String> houseWords = new ArrayList<>();
        if (p.colour().houseColour()) {
            houseWords.add(p.colour().name());
            englishHouseName(p.colour().name()).ifPresent(houseWords::add);
        }
        var v = drawn.verdict();
        return new PieceSpec(p.look(), p.piece(), caption(p), noun(p.category()), colour(p.colour(), drawn.deltaE()),
                adjective(p.pattern()), p.details().stream().map(this::phrase).toList(), phrase(p.material()),
                houseWords, drawn.seed(), model, adapter, historyId, imageId,
                new PieceSpec.Check(v.category(), v.colour(), v.pattern(), v.details(), drawn.agrees(),
                        drawn.attempts()));
    }

    PieceSpec.Colour colour(PaletteEntry entry, double deltaE) {
        TaxonomyEntry standard = entry.standard();
        String fr;
        String en;
        if (entry.houseColour()) {
            fr = entry.name();
            en = englishHouseName(entry.name()).orElse(entry.name() + " (" + standard.en().sg() + ")");
        } else {
            fr = entry.frenchName();
            en = entry.englishName();
        }
        double rounded = Double.isNaN(deltaE) ? 0 : Math.round(deltaE * 10) / 10.0;
        return new PieceSpec.Colour(entry.name(), fr, en, entry.hex(), adjective(standard.token()), rounded);
    }

    /**
     * The house's English term for a palette name: the English vocabulary term meaning the same as the name and
     * sharing a word with it ("vert Exemple" and "Exemple green" both stand for the house colour; "gold chain", which
     * stands for the same trigger token, shares no word).
     */
    private Optional<String> englishHouseName(String name) {
        Optional<VocabularyTerm> term = brand.vocabulary().stream()
                .filter(t -> t.term().equalsIgnoreCase(name)).findFirst();
        if (term.isEmpty()) {
            return Optional.empty();
        }
        List<String> words = Arrays.asList(name.toLowerCase(Locale.ROOT).split("\\s+"));
        return brand.vocabulary().stream()
                .filter(t -> "en".equals(t.lang()) && t.canonical().equals(term.get().canonical()))
                .map(VocabularyTerm::term)
                .filter(t -> Arrays.stream(t.toLowerCase(Locale.ROOT).split("\\s+")).anyMatch(words::contains))
                .findFirst();
    }

    private PieceSpec.Term noun(String token) {
        TaxonomyEntry e = taxonomy.require(token);
        return new PieceSpec.Term(token, e.fr().sg(), e.en().sg());
    }

    private PieceSpec.Term adjective(String token) {
        TaxonomyEntry e = taxonomy.require(token);
        return new PieceSpec.Term(token, first(e.fr().ms(), e.fr().caption(), e.fr()), first(e.en().sg(),
                e.en().caption(), e.en()));
    }

    private PieceSpec.Term phrase(String token) {
        TaxonomyEntry e = taxonomy.require(token);
        return new PieceSpec.Term(token, first(e.fr().caption(), e.fr().ms(), e.fr()),
                first(e.en().caption(), e.en().sg(), e.en()));
    }

    private static String first(String a, String b, Wording wording) {
        if (a != null) {
            return a;
        }
        if (b != null) {
            return b;
        }
        return wording.synonyms().isEmpty() ? null : wording.synonyms().get(0);
    }
}
