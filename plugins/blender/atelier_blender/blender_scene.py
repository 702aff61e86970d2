"""Everything the add-on does to the Blender scene. Main thread only (bpy is not thread-safe)."""
from __future__ import annotations

import os
import tempfile
from typing import Optional, Tuple

import bpy

from .projection import project

PROJECTED_UV_NAME = "Atelier view"


class SceneError(Exception):
    """Something the designer must change in the scene first; its message is already a sentence."""


# ---- results ---------------------------------------------------------------------------------------------------

def load_result_image(png: bytes, name: str) -> "bpy.types.Image":
    """The PNG as a Blender image, packed into the .blend so that it survives the temporary file."""
    folder = bpy.app.tempdir or tempfile.gettempdir()
    path = os.path.join(folder, f"{name}.png")
    with open(path, "wb") as out:
        out.write(png)
    image = bpy.data.images.load(path, check_existing=False)
    image.name = name
    image.pack()
    return image


def apply_as_material(obj, image, uv_name: str, projected: bool) -> "bpy.types.Material":
    """A Principled BSDF whose base colour is the image read through `uv_name`; it replaces the object's active
    material slot (a slot is added when there is none), so the other slots keep their materials."""
    material = bpy.data.materials.new(image.name)  # "Atelier <image id>", as the image
    material.use_nodes = True
    nodes, links = material.node_tree.nodes, material.node_tree.links
    shader = next(node for node in nodes if node.type == "BSDF_PRINCIPLED")
    texture = nodes.new("ShaderNodeTexImage")
    texture.image = image
    texture.location = (shader.location.x - 320, shader.location.y)
    # Outside the projected picture, repeat its edge rather than tiling it over the back of the object.
    texture.extension = "EXTEND" if projected else "REPEAT"
    uv = nodes.new("ShaderNodeUVMap")
    uv.uv_map = uv_name
    uv.location = (texture.location.x - 220, texture.location.y)
    links.new(uv.outputs["UV"], texture.inputs["Vector"])
    links.new(texture.outputs["Color"], shader.inputs["Base Color"])
    nodes.active = texture  # what the Solid view's Texture colour mode (and texture painting) shows
    if obj.material_slots:
        obj.material_slots[obj.active_material_index].material = material
    else:
        obj.data.materials.append(material)
    return material


def apply_to_object(context, obj, image) -> str:
    """Applies on the object's UVs, or projects from the current view (the active camera when there is no 3D view,
    e.g. in background mode) when it has none. Returns how: "uv" or "projected from the view/camera"."""
    if obj is None or obj.type != "MESH":
        raise SceneError("Select a mesh object to apply the image to.")
    mesh = obj.data
    if mesh.uv_layers:
        uv_name = (mesh.uv_layers.active or mesh.uv_layers[0]).name
        apply_as_material(obj, image, uv_name, projected=False)
        return "uv"
    how = project_uvs(context, obj, image.size[0] / max(1, image.size[1]))
    apply_as_material(obj, image, PROJECTED_UV_NAME, projected=True)
    return how


# ---- projection ------------------------------------------------------------------------------------------------

def _view_3d(context) -> Optional[tuple]:
    """(window, area, window region, region_3d) of the 3D view the designer looks through, the one the panel is
    in first; None without one (background mode)."""
    if bpy.app.background or context.window_manager is None:
        return None
    current = getattr(context, "area", None)
    candidates = [(context.window, current)] if current is not None and context.window is not None else []
    candidates += [(window, area) for window in context.window_manager.windows for area in window.screen.areas]
    for window, area in candidates:
        if area.type != "VIEW_3D":
            continue
        region = next((r for r in area.regions if r.type == "WINDOW"), None)
        region_3d = area.spaces.active.region_3d
        if region is not None and region_3d is not None and region.height > 0:
            return window, area, region, region_3d
    return None


def point_of_view(context) -> Tuple[list, float, str]:
    """World -> clip matrix, view aspect, and what it is: the 3D view when there is one, else the active camera."""
    view = _view_3d(context)
    if view is not None:
        _, _, region, region_3d = view
        return [list(row) for row in region_3d.perspective_matrix], region.width / region.height, "view"
    scene = context.scene
    camera = scene.camera
    if camera is None:
        raise SceneError("There is no 3D view to project from and the scene has no camera: add a camera.")
    render = scene.render
    width = render.resolution_x * render.pixel_aspect_x
    height = render.resolution_y * render.pixel_aspect_y
    projection = camera.calc_matrix_camera(context.evaluated_depsgraph_get(), x=render.resolution_x,
                                           y=render.resolution_y, scale_x=render.pixel_aspect_x,
                                           scale_y=render.pixel_aspect_y)
    matrix = projection @ camera.matrix_world.inverted()
    return [list(row) for row in matrix], width / height, "camera"


def project_uvs(context, obj, picture_aspect: float) -> str:
    """Creates the UV map PROJECTED_UV_NAME: each corner of each face gets where its vertex lands in the picture."""
    matrix, view_aspect, source = point_of_view(context)
    mesh = obj.data
    world = obj.matrix_world
    corners = [world @ mesh.vertices[loop.vertex_index].co for loop in mesh.loops]
    uvs = project(matrix, [tuple(c) for c in corners], view_aspect, picture_aspect)
    layer = mesh.uv_layers.get(PROJECTED_UV_NAME) or mesh.uv_layers.new(name=PROJECTED_UV_NAME)
    layer.data.foreach_set("uv", [value for uv in uvs for value in uv])
    mesh.uv_layers.active = layer
    mesh.update()
    return f"projected from the {source}"


# ---- scenes from jme-preview -----------------------------------------------------------------------------------

def import_gltf(path: str) -> dict:
    """Imports a .glb/.gltf (a store or garment scene exported by `./atelier preview render --gltf`); returns what
    came in, counted by kind."""
    if not os.path.isfile(path):
        raise SceneError(f"No such file: {path}")
    _restore_numpy_bool()
    before = set(bpy.data.objects)
    result = bpy.ops.import_scene.gltf(filepath=path)
    if "FINISHED" not in result:
        raise SceneError(f"Blender could not import {os.path.basename(path)}.")
    added = [obj for obj in bpy.data.objects if obj not in before]
    counts = {"objects": len(added)}
    for kind, key in (("MESH", "meshes"), ("LIGHT", "lights"), ("CAMERA", "cameras")):
        counts[key] = sum(1 for obj in added if obj.type == kind)
    counts["materials"] = len({slot.material for obj in added for slot in obj.material_slots if slot.material})
    return counts


def _restore_numpy_bool():
    """Blender 3.4's glTF importer calls `numpy.bool`, an alias NumPy 1.24 removed; Debian 12 ships exactly that
    pair, and every mesh import then fails. NumPy itself says the alias meant the builtin `bool`, so give it back
    (only when missing: newer NumPy has it again)."""
    try:
        import numpy
    except ImportError:
        return
    if not hasattr(numpy, "bool"):
        numpy.bool = bool


# ---- renders sent back for redraw-over -------------------------------------------------------------------------

def render_png(context, width: int, height: int) -> Tuple[bytes, str]:
    """A picture of the scene at width x height: the 3D viewport as the designer sees it (OpenGL render of the view)
    when there is one, else (background mode) the scene camera rendered with the scene's engine."""
    scene = context.scene
    render = scene.render
    saved = (render.resolution_x, render.resolution_y, render.resolution_percentage, render.image_settings.file_format,
             render.image_settings.color_mode)
    render.resolution_x, render.resolution_y, render.resolution_percentage = width, height, 100
    render.image_settings.file_format, render.image_settings.color_mode = "PNG", "RGB"
    path = os.path.join(bpy.app.tempdir or tempfile.gettempdir(), "atelier-render.png")
    try:
        view = _view_3d(context)
        if view is not None:
            window, area, region, _ = view
            with context.temp_override(window=window, area=area, region=region):
                bpy.ops.render.opengl(view_context=True)
            source = "viewport"
        else:
            if scene.camera is None:
                raise SceneError("There is no 3D view to render and the scene has no camera: add a camera.")
            bpy.ops.render.render()
            source = "camera"
        bpy.data.images["Render Result"].save_render(path, scene=scene)
        with open(path, "rb") as rendered:
            return rendered.read(), source
    finally:
        (render.resolution_x, render.resolution_y, render.resolution_percentage, render.image_settings.file_format,
         render.image_settings.color_mode) = saved

