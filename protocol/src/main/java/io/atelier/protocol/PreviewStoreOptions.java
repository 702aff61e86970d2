package io.atelier.protocol;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * Options of a store-concept preview.
 *
 * @param time sun position; null for noon
 * @param camera {@code street}, {@code entrance} or {@code interior}; null for every preset
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record PreviewStoreOptions(
        PreviewTimeOfDay time,
        String camera) {
}
