"""Projection from a point of view: where a point lands in the view is where it samples the picture."""
import math

from atelier_blender.projection import project

IDENTITY = [[1, 0, 0, 0], [0, 1, 0, 0], [0, 0, 1, 0], [0, 0, 0, 1]]


def _perspective(fov_y_degrees, aspect, near=0.1, far=100.0):
    """OpenGL's perspective matrix (the kind Blender's region_3d.perspective_matrix holds), looking down -z."""
    f = 1.0 / math.tan(math.radians(fov_y_degrees) / 2)
    return [[f / aspect, 0, 0, 0], [0, f, 0, 0],
            [0, 0, (far + near) / (near - far), 2 * far * near / (near - far)], [0, 0, -1, 0]]


def test_the_view_s_centre_and_corners_map_to_the_picture_s_centre_and_corners():
    uvs = project(IDENTITY, [(0, 0, 0), (-1, -1, 0), (1, 1, 0)], view_aspect=1.0)
    assert uvs == [(0.5, 0.5), (0.0, 0.0), (1.0, 1.0)]


def test_a_square_picture_in_a_wide_view_fills_its_height_undistorted():
    # In a 2:1 view the square picture spans the middle half of the width: x = ±0.5 in clip space is its edge.
    uvs = project(IDENTITY, [(0.5, 1, 0), (-0.5, -1, 0), (1, 0, 0)], view_aspect=2.0)
    assert uvs[0] == (1.0, 1.0) and uvs[1] == (0.0, 0.0)
    assert uvs[2][0] > 1.0  # outside the picture, beside it


def test_a_wide_picture_in_a_square_view_fills_its_width():
    uvs = project(IDENTITY, [(1, 0.5, 0)], view_aspect=1.0, picture_aspect=2.0)
    assert uvs == [(1.0, 1.0)]


def test_perspective_points_further_away_land_nearer_the_centre():
    matrix = _perspective(60, 1.0)
    near, far = project(matrix, [(1, 0, -2), (1, 0, -8)], view_aspect=1.0)
    assert 0.5 < far[0] < near[0] <= 1.0
    assert near[1] == 0.5 and far[1] == 0.5
