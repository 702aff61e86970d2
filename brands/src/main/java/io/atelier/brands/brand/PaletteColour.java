package io.atelier.brands.brand;

/**
 * A named colour of a house.
 *
 * @param name the house's name for it, e.g. {@code rouge Exemple}
 * @param hex  {@code #rrggbb}, lower case once validated
 */
public record PaletteColour(String name, String hex) {
}
