package io.atelier.bridge.security;

import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * What a token may see: every brand (the admin token) or a fixed set of brands (a scoped token).
 *
 * @param allBrands true for the admin token
 * @param brands the brands of a scoped token; empty for the admin token
 */
public record TokenScope(boolean allBrands, Set<String> brands) {
    public static final TokenScope ALL = new TokenScope(true, Set.of());

    public TokenScope {
        brands = Set.copyOf(brands);
    }

    public static TokenScope only(Collection<String> brands) {
        if (brands.isEmpty()) {
            throw new IllegalArgumentException("a scoped token needs at least one brand");
        }
        return new TokenScope(false, Set.copyOf(brands));
    }

    public boolean includes(String brand) {
        return allBrands || brands.contains(brand);
    }

    /** The scoped brands in a stable order; empty for the admin token, which is not limited to a list. */
    public List<String> sortedBrands() {
        return List.copyOf(new TreeSet<>(brands));
    }
}
