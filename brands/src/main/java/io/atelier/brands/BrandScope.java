package io.atelier.brands;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;

/**
 * Which brands a caller may see, passed to every repository query. {@link #admin()} sees every brand; a scoped caller
 * sees rows of its brands and brand-less rows (unbranded work, as the bridge's scope rule has it), never rows of
 * another brand. Rows outside the scope are filtered in SQL, so they are answered exactly like absent rows.
 */
public final class BrandScope {

    private static final BrandScope ADMIN = new BrandScope(null);

    private final Set<String> brands;

    private BrandScope(Set<String> brands) {
        this.brands = brands;
    }

    public static BrandScope admin() {
        return ADMIN;
    }

    /** A caller limited to these brand ids. An empty set sees only brand-less rows. */
    public static BrandScope of(Collection<String> brandIds) {
        return new BrandScope(Set.copyOf(brandIds));
    }

    public boolean isAdmin() {
        return brands == null;
    }

    /** The brands of a scoped caller; empty for an admin (who is not limited). */
    public Set<String> brands() {
        return brands == null ? Set.of() : brands;
    }

    /** Whether a row owned by {@code brandOrNull} is visible (brand-less rows are visible to every caller). */
    public boolean allows(String brandOrNull) {
        return brands == null || brandOrNull == null || brands.contains(brandOrNull);
    }

    /**
     * A SQL condition on {@code column} selecting the rows in scope, with its bind values appended to {@code args}:
     * {@code 1=1} for an admin, {@code (column IS NULL OR column IN (?, …))} otherwise.
     */
    public String sqlCondition(String column, List<Object> args) {
        if (brands == null) {
            return "1=1";
        }
        if (brands.isEmpty()) {
            return column + " IS NULL";
        }
        List<String> marks = new ArrayList<>();
        for (String brand : brands.stream().sorted().toList()) {
            marks.add("?");
            args.add(brand);
        }
        return "(" + column + " IS NULL OR " + column + " IN (" + String.join(",", marks) + "))";
    }

    @Override
    public String toString() {
        return brands == null ? "admin" : "brands" + brands.stream().sorted().toList();
    }
}
