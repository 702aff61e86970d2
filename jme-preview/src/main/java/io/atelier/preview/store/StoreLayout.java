package io.atelier.preview.store;

import com.jme3.math.FastMath;

import java.util.ArrayList;
import java.util.List;

/**
 * Where things go in the boutique: the façade openings and the fixtures on the floor plan. Plain geometry,
 * no GL, so the plan can be tested on its own.
 *
 * <p>Plan (seen from above, street at the bottom): racks line the side walls facing the room, tables and
 * podiums share the centre aisle, a counter stands at the back right, and the window display sits just behind
 * the shop window on the left of the façade; the door is on the right.
 */
public record StoreLayout(StoreParams params, Opening window, Opening door, float windowDisplayDepth,
                          List<Fixture> fixtures) {

    /** A rectangular hole in the façade: x range along the street, y range above the pavement. */
    public record Opening(float minX, float maxX, float minY, float maxY) {
        public float centreX() {
            return (minX + maxX) / 2f;
        }
    }

    static final float WALL_CLEARANCE = 0.15f;
    static final float RACK_DEPTH = 0.55f;

    public static StoreLayout plan(StoreParams p) {
        float halfW = p.width() / 2f;
        // Step 1: façade. The door keeps 1.2 m on the right; the window takes most of what is left.
        Opening door = new Opening(halfW - 1.9f, halfW - 0.7f, 0f, 2.5f);
        Opening window = new Opening(-halfW + 0.45f, door.minX() - 0.6f, 0.45f, Math.min(3.0f, p.ceiling() - 0.4f));
        float displayDepth = 1.3f;
        List<Fixture> fixtures = new ArrayList<>();
        fixtures.add(new Fixture(FixtureKind.WINDOW_PLINTH, window.centreX(), -displayDepth / 2f - 0.1f,
                window.maxX() - window.minX() - 0.3f, displayDepth - 0.2f, 0f));

        // Step 2: racks along the side walls, behind the window display, facing into the room.
        float firstZ = -displayDepth - 0.6f;
        float lastZ = -p.depth() + 1.0f;
        int perSide = (p.racks() + 1) / 2;
        float rackLength = perSide == 0 ? 0 : Math.min(2.2f, ((firstZ - lastZ) - 0.4f * (perSide - 1)) / perSide);
        for (int i = 0; i < p.racks(); i++) {
            int side = i % 2 == 0 ? -1 : 1;
            int slot = i / 2;
            float z = firstZ - rackLength / 2f - slot * (rackLength + 0.4f);
            float x = side * (halfW - WALL_CLEARANCE - RACK_DEPTH / 2f);
            // rotation so the garments' fronts face the centre of the room
            fixtures.add(new Fixture(FixtureKind.RACK, x, z, rackLength, RACK_DEPTH, side < 0 ? FastMath.HALF_PI : -FastMath.HALF_PI));
        }

        // Step 3: the centre aisle alternates tables and podiums from front to back.
        int centreCount = p.tables() + p.podiums();
        float aisleFront = -displayDepth - 1.3f;
        float aisleBack = -p.depth() + 2.2f;
        int tablesLeft = p.tables();
        for (int i = 0; i < centreCount; i++) {
            int podiumsLeft = centreCount - i - tablesLeft;
            boolean table = tablesLeft > 0 && (i % 2 == 0 || podiumsLeft == 0);
            if (table) {
                tablesLeft--;
            }
            float t = centreCount == 1 ? 0.5f : (float) i / (centreCount - 1);
            float z = aisleFront + t * (aisleBack - aisleFront);
            // alternate sides of the aisle so neighbours never collide, however shallow the shop
            float x = i % 2 == 0 ? -0.85f : 0.85f;
            fixtures.add(table
                    ? new Fixture(FixtureKind.TABLE, x, z, 1.4f, 0.8f, 0f)
                    : new Fixture(FixtureKind.PODIUM, x, z, 0.9f, 0.9f, 0f));
        }

        // Step 4: the counter at the back, on the door side.
        fixtures.add(new Fixture(FixtureKind.COUNTER, halfW - 2.4f, -p.depth() + 0.9f, 1.8f, 0.6f, 0f));
        return new StoreLayout(p, window, door, displayDepth, List.copyOf(fixtures));
    }

    public List<Fixture> fixtures(FixtureKind kind) {
        return fixtures.stream().filter(f -> f.kind() == kind).toList();
    }
}
