package io.atelier.preview.render;

import io.atelier.preview.garment.Fabric;
import io.atelier.preview.garment.GarmentDesign;
import io.atelier.preview.garment.GarmentKind;
import io.atelier.preview.store.CameraPreset;
import io.atelier.preview.store.StoreParams;
import io.atelier.preview.store.TimeOfDay;
import io.atelier.protocol.PreviewRenderParams;
import io.atelier.protocol.PreviewScene;

import java.awt.image.BufferedImage;
import java.util.List;

/**
 * Maps the protocol's {@code preview.render} params onto a {@link PreviewRequest}, for the bridge's job. The bridge
 * resolves the {@code images} inputs ({id} or {base64}) to pictures first. Invalid values throw
 * {@link PreviewParamsException} naming the field (the bridge answers -32602 with it).
 *
 * <p>Defaults: garment views 12 (a full turntable), store views: every camera preset, or one when
 * {@code store.camera} names it; store time noon; 1280x720.
 */
public final class PreviewRequests {
    private PreviewRequests() {
    }

    public static PreviewRequest fromParams(PreviewRenderParams params, List<BufferedImage> images) {
        return fromParams(params, images, GarmentDesign.UNKNOWN);
    }

    /**
     * @param design what the images were designed as (from their history record), used where the params name no
     *     category or fabric; {@link GarmentDesign#UNKNOWN} when unknown
     */
    public static PreviewRequest fromParams(PreviewRenderParams params, List<BufferedImage> images,
                                            GarmentDesign design) {
        if (params.scene() == null) {
            throw new PreviewParamsException("scene", "scene must be garment or store");
        }
        SceneKind scene = params.scene() == PreviewScene.STORE ? SceneKind.STORE : SceneKind.GARMENT;
        GarmentKind chosenGarment = null;
        Fabric chosenFabric = null;
        if (params.garment() != null) {
            if (params.garment().category() != null) {
                chosenGarment = parse("garment.category", () -> GarmentKind.fromId(params.garment().category()));
            }
            if (params.garment().fabric() != null) {
                chosenFabric = parse("garment.fabric", () -> Fabric.fromId(params.garment().fabric()));
            }
        }
        // What the caller names wins; else what the design was; else a dress in its usual fabric.
        GarmentKind garment = design.kind(chosenGarment, GarmentKind.DRESS);
        Fabric fabric = design.fabric(chosenFabric);
        TimeOfDay time = TimeOfDay.NOON;
        CameraPreset camera = null;
        if (params.store() != null) {
            if (params.store().time() != null) {
                time = TimeOfDay.valueOf(params.store().time().name());
            }
            if (params.store().camera() != null) {
                camera = parse("store.camera", () -> CameraPreset.fromId(params.store().camera()));
            }
        }
        int defaultViews = scene == SceneKind.GARMENT ? PreviewRequest.DEFAULT_TURNTABLE_FRAMES
                : camera != null ? 1 : CameraPreset.values().length;
        int views = params.views() != null ? params.views() : defaultViews;
        int maxViews = scene == SceneKind.STORE ? (camera != null ? 1 : CameraPreset.values().length) : 72;
        if (views < 1 || views > maxViews) {
            throw new PreviewParamsException("views", "views must be between 1 and " + maxViews);
        }
        int width = params.width() != null ? params.width() : PreviewRequest.DEFAULT_WIDTH;
        int height = params.height() != null ? params.height() : PreviewRequest.DEFAULT_HEIGHT;
        if (width < 16 || width > 4096) {
            throw new PreviewParamsException("width", "width must be between 16 and 4096");
        }
        if (height < 16 || height > 4096) {
            throw new PreviewParamsException("height", "height must be between 16 and 4096");
        }
        return new PreviewRequest(scene, garment, fabric, images, time, StoreParams.defaults(), camera, views, width, height);
    }

    private static <T> T parse(String field, java.util.function.Supplier<T> parser) {
        try {
            return parser.get();
        } catch (IllegalArgumentException e) {
            throw new PreviewParamsException(field, e.getMessage());
        }
    }
}
