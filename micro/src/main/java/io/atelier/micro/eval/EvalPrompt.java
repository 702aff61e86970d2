package io.atelier.micro.eval;

import io.atelier.taxonomy.Language;

/**
 * One prompt of the micro evaluation, handed to the image-generation function under test.
 *
 * @param text      the prompt as a designer would type it ("une robe verte rayée")
 * @param language  its language
 * @param canonical the canonical prompt it resolves to ("green stripes dress"), for engines that take tokens
 * @param seed      the generation seed; a French prompt and its English translation share it
 * @param category  the category asked for
 * @param colour    the colour asked for
 * @param pattern   the pattern asked for
 */
public record EvalPrompt(String text, Language language, String canonical, long seed, String category,
                         String colour, String pattern) {
}
