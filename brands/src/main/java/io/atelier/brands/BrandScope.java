package io.atelier.brands;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;

/**
 * Which brands a caller may see, passed to every repository query. {@link #admin()} sees every brand; a scoped caller
 * sees rows of its brands, never rows of another brand. Brand-less rows: shared content (stored images, addressed by
 * their hash) is visible to every caller; brand-less records that say who made them (history) are visible to a scoped
 * caller only when it made them ({@link #ownedBy}), see {@link #sqlConditionOwned}. Rows outside the scope are
 * filtered in SQL, so they are answered exactly like absent rows.
 */
public final class BrandScope {

    private static final BrandScope ADMIN = new BrandScope(null, null);

    private final Set<String> brands;
    private final String owner;

    private BrandScope(Set<String> brands, String owner) {
        this.brands = brands;
        this.owner = owner;
    }

    public static BrandScope admin() {
        return ADMIN;
    }

    /** A caller limited to these brand ids. An empty set sees only brand-less rows. */
    public static BrandScope of(Collection<String> brandIds) {
        return new BrandScope(Set.copyOf(brandIds), null);
    }

    /** This scope for a caller known by {@code ownerId} (the token's public id), who may read its own unbranded records. */
    public BrandScope ownedBy(String ownerId) {
        return brands == null ? this : new BrandScope(brands, ownerId);
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
        return "(" + column + " IS NULL OR " + inBrands(column, args) + ")";
    }

    // "column IN (?, …)" over this scope's brands, sorted so that the same scope gives the same statement.
    private String inBrands(String column, List<Object> args) {
        List<String> marks = new ArrayList<>();
        for (String brand : brands.stream().sorted().toList()) {
            marks.add("?");
            args.add(brand);
        }
        return column + " IN (" + String.join(",", marks) + ")";
    }

    /**
     * Like {@link #sqlCondition} for tables that record who made a brand-less row in {@code ownerColumn}: a scoped
     * caller sees its brands' rows and the brand-less rows it made, {@code (brand IN (?, …) OR (brand IS NULL AND
     * owner = ?))}; an admin sees everything.
     */
    public String sqlConditionOwned(String brandColumn, String ownerColumn, List<Object> args) {
        if (brands == null) {
            return "1=1";
        }
        List<String> alternatives = new ArrayList<>();
        if (!brands.isEmpty()) {
            alternatives.add(inBrands(brandColumn, args));
        }
        if (owner != null) {
            alternatives.add("(" + brandColumn + " IS NULL AND " + ownerColumn + " = ?)");
            args.add(owner);
        }
        return alternatives.isEmpty() ? "1=0" : "(" + String.join(" OR ", alternatives) + ")";
    }

    @Override
    public String toString() {
        return brands == null ? "admin" : "brands" + brands.stream().sorted().toList();
    }
}
