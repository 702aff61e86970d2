package io.atelier.brands.evaluation;

import java.awt.image.BufferedImage;
import java.util.List;
import java.util.function.Predicate;

/**
 * An adapter's fidelity: how often the house's colour appears on branded prompts with and without it, how often on
 * plain prompts with it, the house detail likewise when one was measured, and how much it changes plain prompts
 * (forgetting, in points of judge agreement, when a judge read the images; colour drift always).
 *
 * @param detailLabel what the house-detail columns count (e.g. "gold chain"); null when no detail was measured
 * @param judged whether a judge read the images: without one, the agreement figures mean nothing (forgetting,
 *     branded category kept)
 */
public record FidelityReport(List<EvaluationRow> rows, String detailLabel, BufferedImage contactSheet,
                             double seconds, boolean judged) {

    public double brandCodeRateWith() {
        return rate(r -> r.prompt().branded(), EvaluationRow::codeWith);
    }

    public double brandCodeRateWithout() {
        return rate(r -> r.prompt().branded(), EvaluationRow::codeWithout);
    }

    /** The house colour on plain prompts with the adapter on: it should stay rare. */
    public double plainCodeRateWith() {
        return rate(r -> !r.prompt().branded(), EvaluationRow::codeWith);
    }

    /** The house detail on branded prompts, with the adapter; null when no detail was measured. */
    public Double brandDetailRateWith() {
        return detailLabel == null ? null : rate(r -> r.prompt().branded(), EvaluationRow::detailWith);
    }

    public Double brandDetailRateWithout() {
        return detailLabel == null ? null : rate(r -> r.prompt().branded(), EvaluationRow::detailWithout);
    }

    /** The house detail on plain prompts with the adapter on (it should stay rare); null when none was measured. */
    public Double plainDetailRateWith() {
        return detailLabel == null ? null : rate(r -> !r.prompt().branded(), EvaluationRow::detailWith);
    }

    public double plainAgreementWithout() {
        return rate(r -> !r.prompt().branded(), EvaluationRow::agreeWithout);
    }

    public double plainAgreementWith() {
        return rate(r -> !r.prompt().branded(), EvaluationRow::agreeWith);
    }

    /** Judge agreement lost on plain prompts, in percentage points (negative: the adapter helped). */
    public double forgettingPoints() {
        return 100 * (plainAgreementWithout() - plainAgreementWith());
    }

    public double brandCodeRateWith(String lang) {
        return rate(r -> r.prompt().branded() && r.prompt().lang().equals(lang), EvaluationRow::codeWith);
    }

    /** As {@link #brandCodeRateWith(String)}; null when no branded prompt was in that language. */
    public Double brandCodeRateWithOrNull(String lang) {
        boolean any = rows.stream().anyMatch(r -> r.prompt().branded() && r.prompt().lang().equals(lang));
        return any ? brandCodeRateWith(lang) : null;
    }

    /** Mean colour drift between each plain prompt's image without and with the adapter (0..1, see ColourDrift). */
    public double plainColourDrift() {
        return drift(r -> !r.prompt().branded());
    }

    /** The same on branded prompts, where the adapter is meant to act: the scale plain drift is read against. */
    public double brandColourDrift() {
        return drift(r -> r.prompt().branded());
    }

    private double drift(Predicate<EvaluationRow> which) {
        int images = 0;
        double sum = 0;
        for (EvaluationRow row : rows) {
            if (which.test(row)) {
                images += row.images();
                sum += row.colourDrift() * row.images();
            }
        }
        return images == 0 ? 0 : sum / images;
    }

    /** Branded prompts whose category the judge still sees with the adapter on. */
    public double brandCategoryAgreementWith() {
        return rate(r -> r.prompt().branded(), EvaluationRow::agreeWith);
    }

    private double rate(Predicate<EvaluationRow> which, java.util.function.ToIntFunction<EvaluationRow> count) {
        int images = 0;
        int hits = 0;
        for (EvaluationRow row : rows) {
            if (which.test(row)) {
                images += row.images();
                hits += count.applyAsInt(row);
            }
        }
        return images == 0 ? 0 : (double) hits / images;
    }

    /** The table the CLI prints. */
    public String table() {
        StringBuilder out = new StringBuilder();
        out.append(String.format(java.util.Locale.ROOT, "%-8s %-3s %-34s %-28s %9s %9s %9s %9s %9s %9s%n", "kind",
                "lng", "prompt", "model prompt", "colour w/o", "colour w", "detail w/o", "detail w", "judge w/o",
                "judge w"));
        for (EvaluationRow r : rows) {
            out.append(String.format(java.util.Locale.ROOT,
                    "%-8s %-3s %-34s %-28s %6d/%-3d %5d/%-3d %5d/%-3d %5d/%-3d %5d/%-3d %5d/%-3d%n",
                    r.prompt().branded() ? "branded" : "plain", r.prompt().lang(), r.prompt().text(), r.modelPrompt(),
                    r.codeWithout(), r.images(), r.codeWith(), r.images(), r.detailWithout(), r.images(),
                    r.detailWith(), r.images(), r.agreeWithout(), r.images(), r.agreeWith(), r.images()));
        }
        out.append(String.format(java.util.Locale.ROOT,
                "house colour on branded prompts: %.0f%% with the adapter, %.0f%% without (FR %.0f%%, EN %.0f%%)%n",
                100 * brandCodeRateWith(), 100 * brandCodeRateWithout(), 100 * brandCodeRateWith("fr"),
                100 * brandCodeRateWith("en")));
        if (detailLabel != null) {
            out.append(String.format(java.util.Locale.ROOT,
                    "house detail (%s) on branded prompts: %.0f%% with the adapter, %.0f%% without; on plain prompts"
                            + " with the adapter: %.0f%%%n", detailLabel, 100 * brandDetailRateWith(),
                    100 * brandDetailRateWithout(), 100 * plainDetailRateWith()));
        }
        out.append(String.format(java.util.Locale.ROOT,
                "house colour on plain prompts with the adapter: %.0f%%; colour drift on plain prompts %.3f (branded"
                        + " %.3f)%n", 100 * plainCodeRateWith(), plainColourDrift(), brandColourDrift()));
        if (judged) {
            out.append(String.format(java.util.Locale.ROOT,
                    "judge agreement on plain prompts %.0f%% -> %.0f%% (forgetting %.1f points); branded category"
                            + " kept %.0f%%%n", 100 * plainAgreementWithout(), 100 * plainAgreementWith(),
                    forgettingPoints(), 100 * brandCategoryAgreementWith()));
        } else {
            out.append("judge agreement (forgetting, branded category): not measured, no judge reads this model's"
                    + " images\n");
        }
        return out.toString();
    }
}
