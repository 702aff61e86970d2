package io.atelier.brands.brand;

import java.util.Collection;
import java.util.Optional;
import java.util.regex.Pattern;

/** The reserved tokens of the canonical vocabulary that brands learn their codes under: brand_0 … brand_31. */
public final class TriggerTokens {

    public static final int COUNT = 32;
    private static final Pattern TOKEN = Pattern.compile("brand_(0|[1-9][0-9]?)");

    private TriggerTokens() {
    }

    public static String token(int index) {
        if (index < 0 || index >= COUNT) {
            throw new IllegalArgumentException("trigger token index out of range: " + index);
        }
        return "brand_" + index;
    }

    public static boolean isTriggerToken(String token) {
        return token != null && TOKEN.matcher(token).matches() && Integer.parseInt(token.substring(6)) < COUNT;
    }

    /** The lowest token not in {@code used}, or empty when all 32 are taken. */
    public static Optional<String> firstFree(Collection<String> used) {
        for (int i = 0; i < COUNT; i++) {
            if (!used.contains(token(i))) {
                return Optional.of(token(i));
            }
        }
        return Optional.empty();
    }
}
