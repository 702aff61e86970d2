package io.atelier.micro.flats;

import io.atelier.taxonomy.Taxonomy;
import io.atelier.taxonomy.TaxonomyEntry;
import io.atelier.taxonomy.Wording;

import java.util.ArrayList;
import java.util.List;

/**
 * Natural captions of a flat, in French (with gender agreement: "une robe verte unie", "un blouson vert uni") and in
 * English ("a green solid dress"). Both resolve, through the taxonomy, to the spec's canonical prompt.
 */
public final class CaptionWriter {

    private final Taxonomy taxonomy;

    public CaptionWriter(Taxonomy taxonomy) {
        this.taxonomy = taxonomy;
    }

    public String french(FlatSpec spec) {
        return french(spec, null);
    }

    /**
     * @param colourName a house colour name written in place of the spec's colour ({@code vert Exemple}); French
     *                   compound colour names are invariable, so it is written as given. Null: the spec's colour.
     */
    public String french(FlatSpec spec, String colourName) {
        Wording noun = taxonomy.require(spec.category()).fr();
        String gender = noun.gender();
        StringBuilder caption = new StringBuilder(noun.feminine() ? "une " : "un ").append(noun.sg());
        caption.append(' ').append(colourName != null ? colourName
                : taxonomy.require(spec.colour()).fr().agreeing(gender, false));
        Wording pattern = taxonomy.require(spec.pattern()).fr();
        // Stripes alternate between the adjective ("rayée") and the phrase ("à rayures"), as people write both.
        boolean adjective = pattern.ms() != null && (pattern.caption() == null || (spec.variation() & 1) == 0);
        caption.append(' ').append(adjective ? pattern.agreeing(gender, false) : pattern.caption());
        List<String> listed = new ArrayList<>();
        for (String detail : spec.details()) {
            TaxonomyEntry entry = taxonomy.require(detail);
            if (entry.placedDirectly()) {
                caption.append(' ').append(entry.fr().caption());
            } else {
                listed.add(entry.fr().caption());
            }
        }
        if (!listed.isEmpty()) {
            caption.append(" avec ").append(enumerate(listed, "et"));
        }
        if (spec.material() != null) {
            caption.append(", ").append(taxonomy.require(spec.material()).fr().caption());
        }
        return caption.toString();
    }

    public String english(FlatSpec spec) {
        return english(spec, null);
    }

    /** @param colourName a house colour name written in place of the spec's colour; null: the spec's colour */
    public String english(FlatSpec spec, String colourName) {
        Wording noun = taxonomy.require(spec.category()).en();
        List<String> adjectives = new ArrayList<>();
        adjectives.add(colourName != null ? colourName : taxonomy.require(spec.colour()).en().sg());
        adjectives.add(taxonomy.require(spec.pattern()).en().sg());
        List<String> listed = new ArrayList<>();
        for (String detail : spec.details()) {
            TaxonomyEntry entry = taxonomy.require(detail);
            if (entry.placedDirectly()) {
                adjectives.add(entry.en().caption());
            } else {
                listed.add(entry.en().caption());
            }
        }
        String adjectivePhrase = String.join(" ", adjectives);
        String nounPhrase;
        if (noun.sg().startsWith("pair of ")) {
            // "a pair of red striped trousers": the adjectives sit between "pair of" and the plural noun.
            nounPhrase = "a pair of " + adjectivePhrase + " " + noun.pl();
        } else {
            nounPhrase = article(adjectivePhrase) + " " + adjectivePhrase + " " + noun.sg();
        }
        StringBuilder caption = new StringBuilder(nounPhrase);
        if (!listed.isEmpty()) {
            caption.append(" with ").append(enumerate(listed, "and"));
        }
        if (spec.material() != null) {
            caption.append(", ").append(taxonomy.require(spec.material()).en().caption());
        }
        return caption.toString();
    }

    private static String article(String next) {
        return "aeiou".indexOf(Character.toLowerCase(next.charAt(0))) >= 0 ? "an" : "a";
    }

    private static String enumerate(List<String> items, String and) {
        if (items.size() == 1) {
            return items.get(0);
        }
        return String.join(", ", items.subList(0, items.size() - 1)) + " " + and + " " + items.get(items.size() - 1);
    }
}
