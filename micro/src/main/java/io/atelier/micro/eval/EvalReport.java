package io.atelier.micro.eval;

import io.atelier.taxonomy.Language;

import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;

/** The outcome of a micro evaluation: every result, and the rates the judge found what was asked. */
public record EvalReport(List<EvalResult> results) {

    public EvalReport {
        results = List.copyOf(results);
    }

    /** Share of results in {@code language} (null = all) for which {@code matches} holds. */
    public double rate(Language language, Predicate<EvalResult> matches) {
        List<EvalResult> subset = results.stream()
                .filter(r -> language == null || r.prompt().language() == language).toList();
        if (subset.isEmpty()) {
            return Double.NaN;
        }
        return subset.stream().filter(matches).count() / (double) subset.size();
    }

    public double categoryRate(Language language) {
        return rate(language, EvalResult::categoryMatches);
    }

    public double colourRate(Language language) {
        return rate(language, EvalResult::colourMatches);
    }

    public double patternRate(Language language) {
        return rate(language, EvalResult::patternMatches);
    }

    /** A plain-text table: rate per attribute (rows) and per language (columns). */
    public String table() {
        StringBuilder table = new StringBuilder();
        table.append(String.format(Locale.ROOT, "%-10s %8s %8s %8s%n", "attribute", "fr", "en", "all"));
        row(table, "category", EvalResult::categoryMatches);
        row(table, "colour", EvalResult::colourMatches);
        row(table, "pattern", EvalResult::patternMatches);
        row(table, "all three", EvalResult::allMatch);
        long fr = results.stream().filter(r -> r.prompt().language() == Language.FR).count();
        table.append(String.format(Locale.ROOT, "%d prompts (%d fr, %d en)%n", results.size(), fr, results.size() - fr));
        return table.toString();
    }

    private void row(StringBuilder table, String name, Predicate<EvalResult> matches) {
        table.append(String.format(Locale.ROOT, "%-10s %7.1f%% %7.1f%% %7.1f%%%n", name,
                100 * rate(Language.FR, matches), 100 * rate(Language.EN, matches), 100 * rate(null, matches)));
    }
}
