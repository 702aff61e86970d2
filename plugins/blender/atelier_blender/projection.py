"""Projecting a picture from a point of view onto a mesh: the UV of each point is where the point lands in the
picture, when the picture is centred in the view at its own aspect, filling the view's height (or width, for a view
narrower than the picture). Pure math on plain lists, so it is tested without Blender; blender_scene.py feeds it the
3D view's perspective matrix, or the active camera's."""
from __future__ import annotations

from typing import Iterable, List, Sequence, Tuple

BEHIND_THE_EYE = 1e-6


def project(matrix: Sequence[Sequence[float]], points: Iterable[Sequence[float]], view_aspect: float,
            picture_aspect: float = 1.0) -> List[Tuple[float, float]]:
    """`matrix`: 4x4, row-major, world -> clip space (projection @ view). Aspects are width / height."""
    if view_aspect >= picture_aspect:
        scale_u, scale_v = view_aspect / picture_aspect, 1.0
    else:
        scale_u, scale_v = 1.0, picture_aspect / view_aspect
    uvs = []
    for x, y, z in points:
        clip = [row[0] * x + row[1] * y + row[2] * z + row[3] for row in matrix]
        w = clip[3] if abs(clip[3]) > BEHIND_THE_EYE else BEHIND_THE_EYE
        uvs.append((0.5 + 0.5 * scale_u * clip[0] / w, 0.5 + 0.5 * scale_v * clip[1] / w))
    return uvs
