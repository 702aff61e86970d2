package io.atelier.taxonomy;

import java.util.Locale;

/** The two languages Atelier's designers write prompts in. */
public enum Language {
    FR, EN;

    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses "fr"/"en" in any case; throws {@link IllegalArgumentException} for anything else. */
    public static Language fromCode(String code) {
        if (code != null) {
            for (Language language : values()) {
                if (language.code().equalsIgnoreCase(code.trim())) {
                    return language;
                }
            }
        }
        throw new IllegalArgumentException("unsupported language: " + code + " (expected fr or en)");
    }
}
