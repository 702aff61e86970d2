package io.atelier.preview.store;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class StoreLayoutTest {

    @ParameterizedTest
    @CsvSource({"10,8,4,2,2", "6,5,2,1,1", "14,12,8,3,3", "8,6,0,0,0", "20,20,12,6,6"})
    void every_fixture_stands_inside_the_floor_plan_without_touching_another(float w, float d, int racks, int tables, int podiums) {
        StoreLayout layout = StoreLayout.plan(new StoreParams(w, d, 3.6f, racks, tables, podiums));
        List<Fixture> fixtures = layout.fixtures();
        for (Fixture f : fixtures) {
            float[] fp = f.footprint();
            assertTrue(fp[0] >= -w / 2 && fp[2] <= w / 2, f + " leaves the plan sideways");
            assertTrue(fp[1] >= -d && fp[3] <= 0, f + " leaves the plan front to back");
        }
        for (int i = 0; i < fixtures.size(); i++) {
            for (int j = i + 1; j < fixtures.size(); j++) {
                assertFalse(fixtures.get(i).overlaps(fixtures.get(j)), fixtures.get(i) + " overlaps " + fixtures.get(j));
            }
        }
        assertEquals(racks, layout.fixtures(FixtureKind.RACK).size());
        assertEquals(tables, layout.fixtures(FixtureKind.TABLE).size());
        assertEquals(podiums, layout.fixtures(FixtureKind.PODIUM).size());
    }

    @Test
    void window_display_sits_behind_the_window_and_door_and_window_do_not_overlap() {
        StoreLayout layout = StoreLayout.plan(StoreParams.defaults());
        Fixture plinth = layout.fixtures(FixtureKind.WINDOW_PLINTH).get(0);
        float[] fp = plinth.footprint();
        assertTrue(fp[0] >= layout.window().minX() && fp[2] <= layout.window().maxX());
        assertTrue(fp[3] <= 0 && fp[1] >= -layout.windowDisplayDepth());
        assertTrue(layout.window().maxX() < layout.door().minX());
        assertTrue(layout.door().maxX() <= StoreParams.defaults().width() / 2);
    }

    @Test
    void racks_line_the_side_walls_facing_the_room() {
        StoreParams p = StoreParams.defaults();
        for (Fixture rack : StoreLayout.plan(p).fixtures(FixtureKind.RACK)) {
            float wallGap = p.width() / 2 - Math.abs(rack.x());
            assertTrue(wallGap < 0.6f, "rack stands against a side wall");
            // rotation turns the rack's front (+z) towards the centre line x = 0
            assertTrue(Math.signum(Math.sin(rack.rotationY())) == -Math.signum(rack.x()));
        }
    }

    @Test
    void impossible_floor_plans_are_refused_with_a_reason() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new StoreParams(2, 8, 3.6f, 4, 2, 2));
        assertTrue(e.getMessage().contains("width"));
    }

    @Test
    void the_sun_shines_down_and_is_low_at_golden_hour() {
        for (TimeOfDay t : TimeOfDay.values()) {
            assertTrue(t.sunDirection()[1] < 0, t + " sun below the horizon");
        }
        assertTrue(-TimeOfDay.GOLDEN_HOUR.sunDirection()[1] < -TimeOfDay.NOON.sunDirection()[1]);
        assertEquals(TimeOfDay.GOLDEN_HOUR, TimeOfDay.fromId("golden-hour"));
    }
}
