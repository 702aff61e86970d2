package io.atelier.protocol;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * Params of {@code preview.render}: 3D preview stills rendered headless by jme-preview, as one job whose results are
 * the stills.
 *
 * @param scene what to render
 * @param images for a garment, its flat (front view first); for a store, images for murals, windows and racks
 * @param garment garment options; only with scene {@code garment}
 * @param store store options; only with scene {@code store}
 * @param views number of stills: turntable angles for a garment, camera presets for a store
 * @param width pixels of each still (default 1280)
 * @param height pixels of each still (default 720)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record PreviewRenderParams(
        @JsonProperty(required = true) PreviewScene scene,
        @JsonProperty(required = true) List<ImageInput> images,
        PreviewGarmentOptions garment,
        PreviewStoreOptions store,
        Integer views,
        Integer width,
        Integer height) {
}
