package io.atelier.brands.evaluation;

import io.atelier.brands.brand.Brand;
import io.atelier.brands.house.MaisonExemple;
import io.atelier.brands.training.TrainingExample;
import io.atelier.micro.taxonomy.Taxonomy;
import java.awt.Color;
import java.util.List;

/**
 * What a brand's evaluation looks for, taken from the brand's own material: its first palette colour as declared and
 * as the model renders it ({@link FidelityEvaluation#renderableColour}), and the held-out prompts (its own branded
 * ones from {@link BrandEvaluationPrompts}, the plain ones shared by every brand). The bridge's evaluation job and the
 * demo both start from here.
 */
public record BrandEvaluationPlan(Color declaredColour, Color renderableColour, List<EvaluationPrompt> prompts) {

    public static BrandEvaluationPlan of(Brand brand, List<TrainingExample> dataset, FidelityEvaluation evaluation) {
        Color declared = brand.palette().isEmpty() ? MaisonExemple.load().houseColour()
                : Color.decode(brand.palette().get(0).hex());
        Color renderable = evaluation.renderableColour(dataset.stream().map(TrainingExample::image).toList(),
                declared);
        List<String[]> branded = BrandEvaluationPrompts.branded(brand,
                dataset.stream().map(TrainingExample::prompt).toList(), Taxonomy.standard());
        return new BrandEvaluationPlan(declared, renderable, FidelityEvaluation.standardPrompts(branded));
    }
}
