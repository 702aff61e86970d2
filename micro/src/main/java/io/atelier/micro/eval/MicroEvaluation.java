package io.atelier.micro.eval;

import io.atelier.micro.flats.CaptionWriter;
import io.atelier.micro.flats.ContactSheet;
import io.atelier.micro.flats.FlatSpec;
import io.atelier.micro.judge.Judge;
import io.atelier.micro.judge.JudgeVerdict;
import io.atelier.taxonomy.AttributeKind;
import io.atelier.taxonomy.Language;
import io.atelier.taxonomy.Taxonomy;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Evaluates an image generator on category × colour × pattern prompts written in French and in English: generates
 * each, lets the judge read the image, and reports how often it found what was asked, per attribute and language.
 * Independent of the engine's API: the generator is any {@code Function<EvalPrompt, BufferedImage>}.
 */
public final class MicroEvaluation {

    /** Tiles in the contact sheet. */
    public static final int SHEET_TILES = 96;

    private final Judge judge;
    private final Taxonomy taxonomy;

    public MicroEvaluation(Judge judge) {
        this(judge, Taxonomy.standard());
    }

    public MicroEvaluation(Judge judge, Taxonomy taxonomy) {
        this.judge = judge;
        this.taxonomy = taxonomy;
    }

    /**
     * The evaluation prompts, French then English for each combination, sharing a seed.
     *
     * @param full true: every category × colour × pattern (480 combinations, 960 prompts); false: every
     *             category × colour once with the patterns in rotation (96 combinations, 192 prompts)
     */
    public List<EvalPrompt> prompts(boolean full, long seed) {
        CaptionWriter captions = new CaptionWriter(taxonomy);
        List<String> categories = taxonomy.tokens(AttributeKind.CATEGORY);
        List<String> colours = taxonomy.tokens(AttributeKind.COLOUR);
        List<String> patterns = taxonomy.tokens(AttributeKind.PATTERN);
        List<EvalPrompt> prompts = new ArrayList<>();
        int combination = 0;
        for (int c = 0; c < categories.size(); c++) {
            for (int k = 0; k < colours.size(); k++) {
                List<String> chosen = full ? patterns : List.of(patterns.get((c + k) % patterns.size()));
                for (String pattern : chosen) {
                    long promptSeed = seed + combination++;
                    FlatSpec spec = new FlatSpec(categories.get(c), colours.get(k), pattern, List.of(), null, promptSeed);
                    String canonical = spec.canonicalPrompt();
                    prompts.add(new EvalPrompt(captions.french(spec), Language.FR, canonical, promptSeed,
                            spec.category(), spec.colour(), pattern));
                    prompts.add(new EvalPrompt(captions.english(spec), Language.EN, canonical, promptSeed,
                            spec.category(), spec.colour(), pattern));
                }
            }
        }
        return prompts;
    }

    /** Generates and judges every prompt; keeps the images of the first {@link #SHEET_TILES} for the sheet. */
    public EvalReport run(List<EvalPrompt> prompts, Function<EvalPrompt, BufferedImage> generate, Path contactSheet)
            throws IOException {
        List<EvalResult> results = new ArrayList<>();
        List<BufferedImage> tiles = new ArrayList<>();
        List<String> labels = new ArrayList<>();
        int sheetStride = Math.max(1, prompts.size() / SHEET_TILES);
        for (int i = 0; i < prompts.size(); i++) {
            EvalPrompt prompt = prompts.get(i);
            BufferedImage image = generate.apply(prompt);
            JudgeVerdict verdict = judge.score(image);
            EvalResult result = new EvalResult(prompt, verdict);
            results.add(result);
            if (i % sheetStride == 0 && tiles.size() < SHEET_TILES) {
                tiles.add(image);
                labels.add(prompt.language().code() + ": " + prompt.text() + " | judge: " + verdict.colour() + " "
                        + verdict.pattern() + " " + verdict.category() + (result.allMatch() ? "" : " ✗"));
            }
        }
        if (contactSheet != null) {
            Path parent = contactSheet.toAbsolutePath().getParent();
            Files.createDirectories(parent);
            ImageIO.write(ContactSheet.compose(tiles, labels, 12, 128), "png", contactSheet.toFile());
        }
        return new EvalReport(results);
    }
}
