package io.atelier.preview.garment;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class GarmentMeshTest {

    @ParameterizedTest
    @EnumSource(GarmentKind.class)
    void every_piece_is_stitched_except_at_its_designed_openings(GarmentKind kind) {
        GarmentModel model = GarmentBuilder.forKind(kind).build();
        for (GarmentPiece piece : model.pieces()) {
            MeshTopology topology = new MeshTopology(piece.mesh());
            assertEquals(piece.openings(), topology.boundaryLoops(), kind.id() + " " + piece.name() + " open edges");
            assertEquals(0, topology.nonManifoldEdges(), kind.id() + " " + piece.name() + " pinched edges");
        }
    }

    @ParameterizedTest
    @EnumSource(GarmentKind.class)
    void closed_pieces_wind_outward(GarmentKind kind) {
        for (GarmentPiece piece : GarmentBuilder.forKind(kind).build().pieces()) {
            if (piece.openings() == 0) {
                assertTrue(new MeshTopology(piece.mesh()).signedVolume() > 0, kind.id() + " " + piece.name() + " is inside out");
            }
        }
    }

    @ParameterizedTest
    @EnumSource(GarmentKind.class)
    void uvs_lie_in_the_unit_square_and_inside_their_panel(GarmentKind kind) {
        for (GarmentPiece piece : GarmentBuilder.forKind(kind).build().pieces()) {
            MeshData mesh = piece.mesh();
            for (int i = 0; i < mesh.vertexCount(); i++) {
                float[] uv = mesh.uv(i);
                assertTrue(uv[0] >= 0 && uv[0] <= 1 && uv[1] >= 0 && uv[1] <= 1, kind.id() + " uv out of range");
                assertTrue(mesh.panel(i).contains(uv[0], uv[1]), kind.id() + " " + piece.name() + " uv outside its panel");
            }
        }
    }

    @ParameterizedTest
    @EnumSource(GarmentKind.class)
    void front_panel_faces_the_viewer_and_back_panel_faces_away(GarmentKind kind) {
        GarmentModel model = GarmentBuilder.forKind(kind).build();
        GarmentPiece body = model.pieces().get(0);
        MeshData mesh = body.mesh();
        float[][] normals = mesh.smoothNormals();
        int front = 0;
        int frontFacing = 0;
        for (int i = 0; i < mesh.vertexCount(); i++) {
            if (mesh.panel(i) == Panel.FRONT) {
                front++;
                if (normals[i][2] >= -0.1f) {
                    frontFacing++;
                }
            } else if (Math.abs(normals[i][1]) < 0.9f) {
                // seam vertices average both panels; the quads' diagonal tilts them a few degrees
                assertTrue(normals[i][2] <= 0.1f, kind.id() + " back panel vertex faces the front");
            }
        }
        assertTrue(front > 0 && frontFacing == front, kind.id() + " front panel vertices facing front: " + frontFacing + "/" + front);
    }

    @Test
    void front_uvs_follow_the_front_view_so_a_flat_lands_where_it_shows() {
        GarmentModel dress = GarmentBuilder.forKind(GarmentKind.DRESS).build();
        MeshData mesh = dress.pieces().get(0).mesh();
        UvProjection projection = dress.projection();
        for (int i = 0; i < mesh.vertexCount(); i++) {
            if (mesh.panel(i) == Panel.FRONT) {
                float[] p = mesh.position(i);
                assertEquals((p[0] - projection.minX()) / projection.side() * 0.5f, mesh.uv(i)[0], 1e-4f);
                assertEquals((p[1] - projection.minY()) / projection.side(), mesh.uv(i)[1], 1e-4f);
            }
        }
    }

    @Test
    void garment_ids_accept_the_taxonomy_spelling_and_reject_unknown_ones() {
        assertEquals(GarmentKind.BIKER_JACKET, GarmentKind.fromId("biker-jacket"));
        assertEquals(GarmentKind.TSHIRT, GarmentKind.fromId("tshirt"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> GarmentKind.fromId("cape"));
        assertTrue(e.getMessage().contains("dress"));
    }

    @Test
    void fabric_presets_set_distinct_roughness_and_no_metal() {
        assertTrue(Fabric.SILK.roughness() < Fabric.LEATHER.roughness());
        assertTrue(Fabric.LEATHER.roughness() < Fabric.DENIM.roughness());
        assertTrue(Fabric.DENIM.roughness() < Fabric.COTTON.roughness());
        for (Fabric f : Fabric.values()) {
            assertEquals(0f, f.metalness());
        }
    }
}
