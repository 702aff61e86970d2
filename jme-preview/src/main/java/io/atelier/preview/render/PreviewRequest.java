package io.atelier.preview.render;

import io.atelier.preview.garment.Fabric;
import io.atelier.preview.garment.GarmentKind;
import io.atelier.preview.store.CameraPreset;
import io.atelier.preview.store.StoreParams;
import io.atelier.preview.store.TimeOfDay;

import java.awt.image.BufferedImage;
import java.util.List;

/**
 * Everything a preview render needs, so the same request gives the same pictures.
 *
 * @param scene      garment (turntable around a dress form) or store (camera presets)
 * @param garment    the garment to sew (garment scene)
 * @param fabricOrNull fabric preset; null takes the garment's usual fabric
 * @param images     generated images: the flat for a garment; mural, window display and flats for a store
 * @param time       time of day (store scene)
 * @param store      floor plan and fixtures (store scene)
 * @param cameraOrNull one store camera preset only; null for the first {@code views} presets in order
 * @param views      garment: turntable frames spread over 360 degrees; store: how many camera presets, in order
 * @param width      pixels
 * @param height     pixels
 */
public record PreviewRequest(SceneKind scene, GarmentKind garment, Fabric fabricOrNull, List<BufferedImage> images,
                             TimeOfDay time, StoreParams store, CameraPreset cameraOrNull, int views, int width,
                             int height) {

    public static final int DEFAULT_WIDTH = 1280;
    public static final int DEFAULT_HEIGHT = 720;
    public static final int DEFAULT_TURNTABLE_FRAMES = 12;

    public PreviewRequest {
        images = List.copyOf(images);
        if (width < 16 || height < 16 || width > 4096 || height > 4096) {
            throw new IllegalArgumentException("width and height must be between 16 and 4096 pixels");
        }
        if (views < 1 || views > 72) {
            throw new IllegalArgumentException("views must be between 1 and 72");
        }
    }

    public static PreviewRequest garment(GarmentKind kind, List<BufferedImage> images, int views) {
        return new PreviewRequest(SceneKind.GARMENT, kind, null, images, TimeOfDay.NOON, StoreParams.defaults(), null, views,
                DEFAULT_WIDTH, DEFAULT_HEIGHT);
    }

    public static PreviewRequest store(List<BufferedImage> images, TimeOfDay time, int views) {
        return new PreviewRequest(SceneKind.STORE, GarmentKind.DRESS, null, images, time, StoreParams.defaults(), null, views,
                DEFAULT_WIDTH, DEFAULT_HEIGHT);
    }

    public PreviewRequest withSize(int newWidth, int newHeight) {
        return new PreviewRequest(scene, garment, fabricOrNull, images, time, store, cameraOrNull, views, newWidth, newHeight);
    }

    /** The same request with other images (the live viewer re-dressing its scene). */
    public PreviewRequest withImages(List<BufferedImage> newImages) {
        return new PreviewRequest(scene, garment, fabricOrNull, newImages, time, store, cameraOrNull, views, width, height);
    }

    /** The same request dressing another garment in another fabric (null: the garment's usual one). */
    public PreviewRequest withGarment(GarmentKind newGarment, Fabric newFabricOrNull) {
        return new PreviewRequest(scene, newGarment, newFabricOrNull, images, time, store, cameraOrNull, views, width, height);
    }

    /** The store camera preset of the n-th still. */
    public CameraPreset storeCamera(int view) {
        return cameraOrNull != null ? cameraOrNull : CameraPreset.values()[view];
    }

    public Fabric fabric() {
        return fabricOrNull != null ? fabricOrNull : garment.defaultFabric();
    }
}
