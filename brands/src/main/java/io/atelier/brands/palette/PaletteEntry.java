package io.atelier.brands.palette;

import io.atelier.taxonomy.TaxonomyEntry;

/**
 * One colour a request asks for, resolved: the house's name for it (or the hex when it was given as one), its hex, and
 * the taxonomy colour nearest to it, which is both the word a model is given and the "standard colour name" a spec
 * sheet shows beside the house's own.
 *
 * @param name     the palette name as the house writes it ({@code vert Exemple}), or the hex itself
 * @param hex      {@code #rrggbb}, lower case
 * @param lab      the colour in CIELAB
 * @param standard the nearest taxonomy colour (ΔE*ab), e.g. {@code green} with its French and English words
 * @param houseColour true when the name is one of the brand's palette names
 */
public record PaletteEntry(String name, String hex, LabColour lab, TaxonomyEntry standard, boolean houseColour) {

    /** The canonical colour token for atelier-micro, e.g. {@code green}. */
    public String token() {
        return standard.token();
    }

    /** The nearest standard colour in English ({@code green}): what a CLIP model is told. */
    public String englishName() {
        return standard.en().sg();
    }

    /** The nearest standard colour in French, masculine singular ({@code vert}). */
    public String frenchName() {
        return standard.fr().ms();
    }

    /** How far the nearest standard colour is from this entry: what a model drawing only standard colours misses by. */
    public double deltaEToStandard() {
        return lab.deltaE(LabColour.ofHex(standard.rgb()));
    }
}
