package io.atelier.bridge.capsule;

import io.atelier.brands.capsule.PiecePlan;
import io.atelier.engine.GenerationSettings;
import io.atelier.micro.judge.JudgeVerdict;
import java.awt.image.BufferedImage;

/**
 * One piece as drawn and checked.
 *
 * @param plan      what was asked
 * @param drawn     the model's image (what the judge read)
 * @param delivered the image handed out: the drawn one with its colours locked onto the palette
 * @param verdict   what the judge read in {@code drawn}
 * @param seed      the seed of the kept drawing
 * @param attempts  drawings made (1 when the first agreed)
 * @param settings  the engine's settings for the kept drawing
 * @param deltaE    ΔE*ab between the drawn fill and the palette entry, before the lock
 */
record DrawnPiece(PiecePlan plan, BufferedImage drawn, BufferedImage delivered, JudgeVerdict verdict, long seed,
                  int attempts, GenerationSettings settings, double deltaE) {

    boolean categoryAgrees() {
        return plan.category().equals(verdict.category());
    }

    /** The judge knows the taxonomy's colours: it agrees when it reads the one the entry was asked as. */
    boolean colourAgrees() {
        return plan.colour().token().equals(verdict.colour());
    }

    boolean agrees() {
        return categoryAgrees() && colourAgrees();
    }

    /** How well it matches, for keeping the best of several drawings: category first, then colour. */
    int score() {
        return (categoryAgrees() ? 2 : 0) + (colourAgrees() ? 1 : 0);
    }
}
