"""Atelier for Blender: brand-specialised image generation from a local Atelier bridge, in the 3D view's sidebar.

Only ui.py and blender_scene.py touch bpy; the client, the job follower and the session are plain Python, tested
without Blender (tests/).
"""
bl_info = {
    "name": "Atelier",
    "author": "Atelier",
    "version": (0, 1, 0),
    "blender": (3, 4, 0),
    "location": "View3D > Sidebar > Atelier",
    "description": "Generate images from a local Atelier bridge, apply them as materials, redraw over renders "
                   "and import jme-preview scenes",
    "category": "Material",
}


def register():
    from . import ui
    ui.register()


def unregister():
    from . import ui
    ui.unregister()
