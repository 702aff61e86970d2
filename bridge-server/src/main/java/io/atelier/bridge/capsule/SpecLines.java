package io.atelier.bridge.capsule;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/** A piece's spec sheet as the lines the PDF prints beside its flat, labelled in the brand's language. */
final class SpecLines {
    private SpecLines() {
    }

    static List<String> of(PieceSpec spec, String language) {
        boolean fr = language.equals("fr");
        List<String> lines = new ArrayList<>();
        lines.add(spec.caption());
        lines.add((fr ? "Catégorie : " : "Category: ") + spec.category().fr() + " / " + spec.category().en());
        PieceSpec.Colour c = spec.colour();
        lines.add((fr ? "Couleur : " : "Colour: ") + c.fr() + " / " + c.en() + "  " + c.hex()
                + (fr ? "  (standard : " : "  (standard: ") + c.standard().fr() + " / " + c.standard().en() + ")");
        lines.add((fr ? "Motif : " : "Pattern: ") + spec.pattern().fr() + " / " + spec.pattern().en());
        lines.add((fr ? "Détails : " : "Details: ") + (spec.details().isEmpty() ? "-" : spec.details().stream()
                .map(d -> d.fr() + " / " + d.en()).collect(Collectors.joining(", "))));
        lines.add((fr ? "Matière : " : "Material: ") + spec.material().fr() + " / " + spec.material().en());
        if (!spec.houseWords().isEmpty()) {
            lines.add((fr ? "Mots de la maison : " : "House words: ") + String.join(", ", spec.houseWords()));
        }
        lines.add(String.format(Locale.ROOT, "Seed %d  -  %s%s", spec.seed(), spec.model(),
                spec.adapter() == null ? "" : "  -  " + spec.adapter()));
        lines.add((fr ? "Historique : " : "History: ") + spec.historyId());
        PieceSpec.Check j = spec.judge();
        lines.add(String.format(Locale.ROOT, fr ? "Juge : %s, %s, %s (%s, %d dessin%s)"
                : "Judge: %s, %s, %s (%s, %d drawing%s)", j.category(), j.colour(), j.pattern(),
                j.agrees() ? (fr ? "conforme" : "as planned") : (fr ? "non conforme" : "not as planned"),
                j.attempts(), j.attempts() > 1 ? "s" : ""));
        return lines;
    }
}
