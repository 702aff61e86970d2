package io.atelier.brands.evaluation;

import io.atelier.brands.InvalidInputException;
import io.atelier.brands.brand.Brand;
import io.atelier.brands.dataset.GarmentColour;
import io.atelier.brands.training.TrainingExample;
import io.atelier.taxonomy.Taxonomy;
import java.awt.Color;
import java.util.List;

/**
 * What a brand's evaluation looks for, taken from the brand's own declarations: its first palette colour as declared
 * and as the model renders it ({@link FidelityEvaluation#renderableColour}), found on the garment by
 * {@link GarmentColour#share}; a house detail when a detector for it is given ({@link #withDetail}; none by default), and the held-out prompts (its own branded ones from
 * {@link BrandEvaluationPrompts}, the plain ones shared by every brand). The bridge's evaluation job and the demo both
 * start from here; no house is built in.
 *
 * @param colour the house colour's detector
 * @param detailOrNull the house detail's detector; null when the brand has none to measure
 */
public record BrandEvaluationPlan(Color declaredColour, Color renderableColour, CodeDetector colour,
                                  CodeDetector detailOrNull, List<EvaluationPrompt> prompts) {

    /** @throws InvalidInputException {@code palette}: the brand declares no colour, so there is no code to measure */
    public static BrandEvaluationPlan of(Brand brand, List<TrainingExample> dataset, FidelityEvaluation evaluation) {
        requireDeclaredColour(brand);
        Color declared = Color.decode(brand.palette().get(0).hex());
        Color renderable = evaluation.renderableColour(dataset.stream().map(TrainingExample::image).toList(),
                declared);
        List<String[]> branded = BrandEvaluationPrompts.branded(brand,
                dataset.stream().map(TrainingExample::prompt).toList(), Taxonomy.standard());
        CodeDetector colour = houseColour(brand.palette().get(0).name(), renderable);
        return new BrandEvaluationPlan(declared, renderable, colour, null, FidelityEvaluation.standardPrompts(branded));
    }

    /**
     * The house colour found as every model's images are read: at least {@link GarmentColour#PRESENT_SHARE} of the
     * pixels that are not the near-white background in {@code renderable}'s hue, clearly saturated. On a photograph-like
     * image (an SD-1.x checkpoint's) a coloured backdrop counts as garment, so a small teal piece on a grey wall is not
     * counted as the house colour where the same piece on white would be.
     */
    public static CodeDetector houseColour(String label, Color renderable) {
        return new CodeDetector(label,
                image -> GarmentColour.share(image, renderable, null) >= GarmentColour.PRESENT_SHARE);
    }

    /** @throws InvalidInputException {@code palette} when the brand's palette is empty */
    public static void requireDeclaredColour(Brand brand) {
        if (brand.palette().isEmpty()) {
            throw new InvalidInputException("palette", "an evaluation measures the brand's declared codes: give "
                    + brand.id() + " a palette, its house colour first");
        }
    }

    /** This plan, also counting the images that show the detail {@code detector} finds. */
    public BrandEvaluationPlan withDetail(CodeDetector detector) {
        return new BrandEvaluationPlan(declaredColour, renderableColour, colour, detector, prompts);
    }

    /** This plan, finding the house colour with {@code detector} (a house whose flats carry more than the garment). */
    public BrandEvaluationPlan withColour(CodeDetector detector) {
        return new BrandEvaluationPlan(declaredColour, renderableColour, detector, detailOrNull, prompts);
    }
}
