package io.atelier.protocol;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * A stored image, as the bridge hands it out. Fetch its pixels at {@code url} (auth required).
 *
 * @param id content-derived id, stable for the same pixels
 * @param width pixels
 * @param height pixels
 * @param mime {@code image/png} for images; a capsule also answers {@code application/json} (spec sheets) and
 *     {@code application/pdf}, with width and height 0
 * @param url {@code /images/{id}.png} ({@code .json}, {@code .pdf} for those documents), relative to the bridge
 * @param sha256 hex SHA-256 of the stored file
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ImageRef(
        @JsonProperty(required = true) String id,
        int width,
        int height,
        @JsonProperty(required = true) String mime,
        @JsonProperty(required = true) String url,
        @JsonProperty(required = true) String sha256) {
}
