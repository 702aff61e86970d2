package io.atelier.bridge.capsule;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * The spec sheet of one piece, what a pattern-maker works from, as the job's JSON and the PDF give it.
 *
 * @param look        look number, from 1
 * @param piece       piece number in the look, from 1
 * @param caption     the piece in a sentence, in the brand's first language
 * @param category    the garment
 * @param colour      the palette entry it is drawn in
 * @param pattern     the pattern
 * @param details     construction details (buttons, zip, pockets, collar…)
 * @param material    the material
 * @param houseWords  the house's own words the piece uses (its palette name when it is one, vocabulary terms)
 * @param seed        the seed of the kept drawing
 * @param model       model id
 * @param adapter     the brand adapter applied, or null
 * @param historyId   the history record of this piece (history.get gives everything to draw it again)
 * @param image       the piece's image id ({@code /images/{id}.png})
 * @param judge       what the judge read back
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record PieceSpec(int look, int piece, String caption, Term category, Colour colour, Term pattern, List<Term> details,
                 Term material, List<String> houseWords, long seed, String model, String adapter, String historyId,
                 String image, Check judge) {

    /** A taxonomy term: its canonical token and how French and English say it. */
    record Term(String token, String fr, String en) {
    }

    /**
     * @param name     the palette name as the house writes it (the hex when the entry was one)
     * @param fr       the name in French
     * @param en       the name in English
     * @param hex      {@code #rrggbb}
     * @param standard the nearest standard colour (what atelier-micro was told)
     * @param deltaE   ΔE*ab between the model's drawing and the entry before the palette lock
     */
    record Colour(String name, String fr, String en, String hex, Term standard, double deltaE) {
    }

    /**
     * @param category what the judge read as category
     * @param colour   what it read as colour (one of the standard colours)
     * @param pattern  what it read as pattern
     * @param details  the details it saw
     * @param agrees   category and colour as planned
     * @param attempts drawings made for this piece
     */
    record Check(String category, String colour, String pattern, List<String> details, boolean agrees, int attempts) {
    }
}
