package io.atelier.micro.eval;

import io.atelier.micro.flats.FlatSpec;
import io.atelier.micro.flats.FlatsGenerator;
import io.atelier.micro.judge.Judge;
import io.atelier.taxonomy.Language;
import io.atelier.taxonomy.ResolvedPrompt;
import io.atelier.taxonomy.TaxonomyResolver;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Function;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MicroEvaluationTest {

    private static Judge judge;
    private static final TaxonomyResolver RESOLVER = TaxonomyResolver.standard();

    @BeforeAll
    static void loadJudge() {
        judge = Judge.load();
    }

    @AfterAll
    static void closeJudge() {
        judge.close();
    }

    /**
     * The flats generator standing in for a text-to-image model: it reads the prompt through the taxonomy resolver
     * (as the engine will) and draws what the prompt asks. A perfect "model", so the evaluation must report ~100 %.
     */
    private static final Function<EvalPrompt, BufferedImage> GENERATOR_AS_MODEL = prompt -> {
        ResolvedPrompt resolved = RESOLVER.resolve(prompt.text(), prompt.language());
        List<String> tokens = resolved.tokens();
        return FlatsGenerator.draw(new FlatSpec(tokens.get(2), tokens.get(0), tokens.get(1), List.of(), null,
                prompt.seed()), 128);
    };

    @Test
    void prompts_cover_every_combination_in_both_languages_with_shared_seeds() {
        MicroEvaluation evaluation = new MicroEvaluation(judge);
        List<EvalPrompt> full = evaluation.prompts(true, 0);
        assertEquals(8 * 12 * 5 * 2, full.size());
        List<EvalPrompt> quick = evaluation.prompts(false, 0);
        assertEquals(8 * 12 * 2, quick.size());
        for (int i = 0; i < quick.size(); i += 2) {
            EvalPrompt fr = quick.get(i);
            EvalPrompt en = quick.get(i + 1);
            assertEquals(Language.FR, fr.language());
            assertEquals(Language.EN, en.language());
            assertEquals(fr.seed(), en.seed());
            assertEquals(fr.canonical(), RESOLVER.resolve(fr.text()).canonicalPrompt(), fr.text());
            assertEquals(en.canonical(), RESOLVER.resolve(en.text()).canonicalPrompt(), en.text());
        }
    }

    @Test
    void the_generator_as_model_scores_about_100_percent() throws Exception {
        MicroEvaluation evaluation = new MicroEvaluation(judge);
        // Kept under target/ for a human to look at after the build.
        Path sheet = Path.of("target/micro-eval/generator-as-model.png");
        EvalReport report = evaluation.run(evaluation.prompts(false, 500), GENERATOR_AS_MODEL, sheet);
        System.out.println(report.table());
        for (Language language : Language.values()) {
            assertTrue(report.categoryRate(language) >= 0.95, report.table());
            assertTrue(report.colourRate(language) >= 0.95, report.table());
            assertTrue(report.patternRate(language) >= 0.93, report.table());
        }
        // Same seed and same canonical tokens: French and English images are identical, so are their rates.
        assertEquals(report.categoryRate(Language.FR), report.categoryRate(Language.EN));
        BufferedImage png = ImageIO.read(sheet.toFile());
        assertTrue(png.getWidth() > 12 * 128 && png.getHeight() > 8 * 128, "contact sheet too small");
    }

    @Test
    void a_model_that_always_draws_a_red_solid_dress_gets_the_arithmetic_rates() throws Exception {
        MicroEvaluation evaluation = new MicroEvaluation(judge);
        List<EvalPrompt> prompts = evaluation.prompts(false, 900);
        BufferedImage redDress = FlatsGenerator.draw(new FlatSpec("dress", "red", "solid", List.of(), null, 1), 128);
        assertEquals("dress", judge.score(redDress).category());
        EvalReport report = evaluation.run(prompts, prompt -> redDress, null);
        double solidShare = prompts.stream().filter(p -> p.pattern().equals("solid")).count() / (double) prompts.size();
        assertEquals(1 / 8.0, report.categoryRate(null), 1e-9);
        assertEquals(1 / 12.0, report.colourRate(null), 1e-9);
        assertEquals(solidShare, report.patternRate(null), 1e-9);
        assertEquals(1 / 8.0, report.categoryRate(Language.FR), 1e-9);
    }
}
