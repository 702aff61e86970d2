package io.atelier.taxonomy;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import java.util.ArrayList;
import java.util.List;

/**
 * How one canonical token is said in one language. Every field but {@code synonyms} is optional: nouns carry
 * {@code sg}/{@code pl} (and, in French, {@code gender} "m" or "f"); adjectives that agree carry the four French forms
 * {@code ms fs mp fp}; details, materials and patterns said as a phrase carry {@code caption}, the form captions use.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Wording(String gender, String sg, String pl, String ms, String fs, String mp, String fp,
                      String caption, List<String> synonyms) {

    public Wording {
        synonyms = synonyms == null ? List.of() : List.copyOf(synonyms);
    }

    /** Every surface form the resolver must recognise, in declaration order, duplicates included. */
    public List<String> allForms() {
        List<String> forms = new ArrayList<>();
        for (String form : new String[] {sg, pl, ms, fs, mp, fp, caption}) {
            if (form != null) {
                forms.add(form);
            }
        }
        forms.addAll(synonyms);
        return forms;
    }

    /** The adjective form agreeing with a French noun's gender and number; falls back to {@code sg} (English). */
    public String agreeing(String nounGender, boolean plural) {
        boolean feminine = "f".equals(nounGender);
        String form = plural ? (feminine ? fp : mp) : (feminine ? fs : ms);
        return form != null ? form : sg;
    }

    public boolean feminine() {
        return "f".equals(gender);
    }
}
