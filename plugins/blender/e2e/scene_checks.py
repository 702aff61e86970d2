"""Checks of what Blender holds after the add-on acted, for e2e/blender_e2e.py: what a .glb file holds, and whether a
render of an object shows its material's image at its UVs."""
import json
import os
import struct
import tempfile

import bpy


class StepFailed(AssertionError):
    pass


def check(condition, what):
    if not condition:
        raise StepFailed(what)


def glb_json(path):
    """The JSON chunk of a binary glTF: what the file holds, to compare with what Blender imported."""
    with open(path, "rb") as glb:
        magic, _version, _length = struct.unpack("<4sII", glb.read(12))
        check(magic == b"glTF", f"{path} is not a binary glTF")
        chunk_length, chunk_type = struct.unpack("<I4s", glb.read(8))
        check(chunk_type == b"JSON", "the first glb chunk is not JSON")
        return json.loads(glb.read(chunk_length))


def bilinear(image_pixels, size, u, v):
    """The colour a Linear image texture gives at (u, v), repeat extension (Blender's default)."""
    width, height = size
    x, y = u * width - 0.5, v * height - 0.5
    x0, y0 = int(x // 1), int(y // 1)
    fx, fy = x - x0, y - y0
    colour = [0.0, 0.0, 0.0]
    for i, j, weight in ((x0, y0, (1 - fx) * (1 - fy)), (x0 + 1, y0, fx * (1 - fy)), (x0, y0 + 1, (1 - fx) * fy),
                         (x0 + 1, y0 + 1, fx * fy)):
        k = ((j % height) * width + (i % width)) * 4
        colour = [colour[c] + weight * image_pixels[k + c] for c in range(3)]
    return colour


def rendered_against_texture(obj, width=160, height=90, errors_from_screen=None):
    """Renders `obj` alone from the scene camera with Cycles, its material's image texture and UV map node (as the
    add-on wired them) feeding an unlit Emission shader, then ray-casts the pixels of a grid: where a pixel sees the
    object, its colour must be the texture's colour at the UV of the point it sees. Returns (mean error, max error,
    mean error of a control that samples the mirrored UV, pixels compared). `errors_from_screen`, a list, receives
    each compared pixel's difference from the picture laid over the camera's frame (what projection from the camera
    promises), at the picture's own aspect filling the frame's height."""
    from mathutils import Vector
    from mathutils.geometry import barycentric_transform, intersect_point_tri
    scene = bpy.context.scene
    original = obj.active_material
    texture = next(n for n in original.node_tree.nodes if n.type == "TEX_IMAGE")
    uv_name = texture.inputs["Vector"].links[0].from_node.uv_map
    unlit = original.copy()  # the add-on's nodes, with the BSDF swapped for an emission (no lighting to undo)
    nodes = unlit.node_tree.nodes
    emission = nodes.new("ShaderNodeEmission")
    unlit.node_tree.links.new(next(n for n in nodes if n.type == "TEX_IMAGE").outputs["Color"], emission.inputs["Color"])
    unlit.node_tree.links.new(emission.outputs["Emission"],
                              next(n for n in nodes if n.type == "OUTPUT_MATERIAL").inputs["Surface"])
    others = [o for o in scene.objects if o.type == "MESH" and o != obj and not o.hide_render]
    render, cycles = scene.render, scene.cycles
    saved = (render.engine, render.resolution_x, render.resolution_y, render.resolution_percentage,
             scene.view_settings.view_transform, scene.view_settings.look, cycles.samples,
             cycles.pixel_filter_type, cycles.filter_width, cycles.use_denoising)
    path = os.path.join(tempfile.mkdtemp(), "render.png")
    try:
        obj.active_material = unlit
        for other in others:
            other.hide_render = True
        render.engine, render.resolution_x, render.resolution_y, render.resolution_percentage = \
            "CYCLES", width, height, 100
        scene.view_settings.view_transform, scene.view_settings.look = "Standard", "None"
        cycles.samples, cycles.pixel_filter_type, cycles.filter_width, cycles.use_denoising = 1, "BOX", 0.01, False
        bpy.ops.render.render()
        bpy.data.images["Render Result"].save_render(path, scene=scene)
        rendered = list(bpy.data.images.load(path).pixels)
        camera = scene.camera
        top_right, bottom_right, bottom_left, top_left = (camera.matrix_world @ v
                                                          for v in camera.data.view_frame(scene=scene))
        eye = camera.matrix_world.translation
        to_local = obj.matrix_world.inverted()
        mesh = obj.data
        mesh.calc_loop_triangles()
        uvs = mesh.uv_layers[uv_name].data
        picture, size = list(texture.image.pixels), tuple(texture.image.size)
        errors, control = [], []
        for py in range(2, height, 3):
            for px in range(2, width, 3):
                target = (bottom_left + (bottom_right - bottom_left) * ((px + 0.5) / width)
                          + (top_left - bottom_left) * ((py + 0.5) / height))
                origin = to_local @ eye
                hit, location, _normal, face = obj.ray_cast(origin, (to_local @ target) - origin)
                if not hit:
                    continue
                for triangle in (t for t in mesh.loop_triangles if t.polygon_index == face):
                    a, b, c = (mesh.vertices[i].co for i in triangle.vertices)
                    if intersect_point_tri(location, a, b, c) is None:
                        continue
                    ua, ub, uc = (Vector((*uvs[loop].uv, 0.0)) for loop in triangle.loops)
                    uv = barycentric_transform(location, a, b, c, ua, ub, uc)
                    got = rendered[(py * width + px) * 4:(py * width + px) * 4 + 3]
                    expected = bilinear(picture, size, uv.x, uv.y)
                    mirrored = bilinear(picture, size, 1.0 - uv.x, 1.0 - uv.y)
                    errors.append(max(abs(expected[i] - got[i]) for i in range(3)))
                    if errors_from_screen is not None:
                        ndc_x, ndc_y = 2 * (px + 0.5) / width - 1, 2 * (py + 0.5) / height - 1
                        aspect = (width / height) / (size[0] / size[1])
                        laid = bilinear(picture, size, 0.5 + 0.5 * ndc_x * aspect, 0.5 + 0.5 * ndc_y)
                        errors_from_screen.append(max(abs(laid[i] - got[i]) for i in range(3)))
                    control.append(max(abs(mirrored[i] - got[i]) for i in range(3)))
                    break
        check(len(errors) >= 20, f"only {len(errors)} pixels see the object")
        return sum(errors) / len(errors), max(errors), sum(control) / len(control), len(errors)
    finally:
        obj.active_material = original
        bpy.data.materials.remove(unlit)
        for other in others:
            other.hide_render = False
        (render.engine, render.resolution_x, render.resolution_y, render.resolution_percentage,
         scene.view_settings.view_transform, scene.view_settings.look, cycles.samples,
         cycles.pixel_filter_type, cycles.filter_width, cycles.use_denoising) = saved


def check_render_shows_texture(obj, projected_from_camera=False):
    from_screen = [] if projected_from_camera else None
    mean, worst, control, count = rendered_against_texture(obj, errors_from_screen=from_screen)
    check(mean < 0.02 and control > 5 * mean, f"rendered pixels differ from the texture at their UV: mean "
                                              f"{mean:.3f}, max {worst:.3f}, mirrored control {control:.3f}")
    said = f"render vs texture at {count} pixels: mean error {mean:.4f} (max {worst:.3f}; mirrored UVs {control:.3f})"
    if from_screen:
        laid = sum(from_screen) / len(from_screen)
        check(laid < 0.05 and control > 4 * laid, f"the render is not the picture laid over the camera's frame: "
                                                  f"mean error {laid:.3f}, mirrored control {control:.3f}")
        said += f"; vs the picture laid over the camera frame: mean error {laid:.4f}"
    return said
