package io.atelier.preview.render;

import io.atelier.preview.garment.Fabric;
import io.atelier.preview.garment.GarmentKind;
import io.atelier.preview.store.CameraPreset;
import io.atelier.preview.store.TimeOfDay;
import io.atelier.protocol.PreviewGarmentOptions;
import io.atelier.protocol.PreviewRenderParams;
import io.atelier.protocol.PreviewScene;
import io.atelier.protocol.PreviewStoreOptions;
import io.atelier.protocol.PreviewTimeOfDay;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

class PreviewRequestsTest {

    @Test
    void a_garment_request_gets_a_full_turntable_at_720p_by_default() {
        PreviewRequest r = PreviewRequests.fromParams(new PreviewRenderParams(PreviewScene.GARMENT, List.of(),
                new PreviewGarmentOptions("biker_jacket", "denim"), null, null, null, null), List.of());
        assertEquals(SceneKind.GARMENT, r.scene());
        assertEquals(GarmentKind.BIKER_JACKET, r.garment());
        assertEquals(Fabric.DENIM, r.fabric());
        assertEquals(12, r.views());
        assertEquals(1280, r.width());
        assertEquals(720, r.height());
    }

    @Test
    void a_store_request_with_a_camera_renders_that_view_only_and_names_the_file_after_it() {
        PreviewRequest r = PreviewRequests.fromParams(new PreviewRenderParams(PreviewScene.STORE, List.of(), null,
                new PreviewStoreOptions(PreviewTimeOfDay.GOLDEN_HOUR, "interior"), null, 640, 360), List.of());
        assertEquals(TimeOfDay.GOLDEN_HOUR, r.time());
        assertEquals(CameraPreset.INTERIOR_WIDE, r.cameraOrNull());
        assertEquals(1, r.views());
        assertEquals("store-golden-hour-interior-wide.png", PreviewRenderer.fileName(r, 0));
    }

    @Test
    void a_store_request_without_options_takes_every_preset_at_noon() {
        PreviewRequest r = PreviewRequests.fromParams(new PreviewRenderParams(PreviewScene.STORE, List.of(), null, null,
                null, null, null), List.of());
        assertEquals(TimeOfDay.NOON, r.time());
        assertNull(r.cameraOrNull());
        assertEquals(3, r.views());
        assertEquals("store-noon-entrance.png", PreviewRenderer.fileName(r, 1));
    }

    @Test
    void invalid_values_name_their_field() {
        PreviewParamsException category = assertThrows(PreviewParamsException.class, () -> PreviewRequests.fromParams(
                new PreviewRenderParams(PreviewScene.GARMENT, List.of(), new PreviewGarmentOptions("cape", null), null, null, null, null), List.of()));
        assertEquals("garment.category", category.field());
        PreviewParamsException views = assertThrows(PreviewParamsException.class, () -> PreviewRequests.fromParams(
                new PreviewRenderParams(PreviewScene.STORE, List.of(), null, null, 5, null, null), List.of()));
        assertEquals("views", views.field());
        PreviewParamsException width = assertThrows(PreviewParamsException.class, () -> PreviewRequests.fromParams(
                new PreviewRenderParams(PreviewScene.GARMENT, List.of(), null, null, null, 10_000, null), List.of()));
        assertEquals("width", width.field());
    }
}
