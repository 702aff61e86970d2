package io.atelier.bridge.support;

/**
 * Params of the test-only {@code test.count} job: counts to {@code steps}, sleeping between steps.
 *
 * @param steps how many steps
 * @param stepMillis sleep per step
 * @param brand brand to run for; null for none
 * @param failAt step at which to throw (0: never)
 * @param previews whether each step carries a preview PNG
 */
public record CountParams(Integer steps, Integer stepMillis, String brand, Integer failAt, Boolean previews) {
}
