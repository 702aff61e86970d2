"""Blender's side of the add-on: preferences, the scene's settings, operators and the sidebar panel
(View3D › Sidebar › Atelier). Operators start the work and return at once; the Session does the network work on
worker threads and the timer below brings its results back to the main thread."""
from __future__ import annotations

import bpy
from bpy.props import EnumProperty, FloatProperty, IntProperty, PointerProperty, StringProperty
from bpy_extras.io_utils import ImportHelper

from . import blender_scene
from .client import model_size
from .session import MAX_STEPS, Session, generate_params
from .wire import DEFAULT_URL

ADDON_ID = __package__
NONE = "NONE"
PUMP_INTERVAL_S = 0.1
FALLBACK_RENDER_SIZE = (512, 512)

session = Session()


def preferences(context=None) -> "AtelierPreferences":
    return (context or bpy.context).preferences.addons[ADDON_ID].preferences


def pump() -> float:
    """The timer: runs what the worker threads posted, then redraws the panel if anything changed."""
    if session.inbox.pump():
        _redraw_panels()
    return PUMP_INTERVAL_S


def _redraw_panels():
    """Redraws the 3D views' sidebars only: redrawing the whole area would redraw the viewport too, at each
    progress step, which costs a software-rendered (or heavy) scene far more than the panel."""
    manager = getattr(bpy.context, "window_manager", None)
    for window in (manager.windows if manager is not None else []):
        for area in window.screen.areas:
            if area.type == "VIEW_3D":
                for region in area.regions:
                    if region.type == "UI":
                        region.tag_redraw()


# ---- settings ----------------------------------------------------------------------------------------------------

class AtelierPreferences(bpy.types.AddonPreferences):
    bl_idname = ADDON_ID

    url: StringProperty(name="Bridge URL", default=DEFAULT_URL,
                        description="Where `./atelier serve` listens (it prints the URL)")
    token: StringProperty(name="Token", subtype="PASSWORD", default="",
                          description="Leave empty for a bridge on this computer: its token file is read "
                                      "(~/.atelier/token, or $ATELIER_HOME/token)")

    def draw(self, context):
        self.layout.prop(self, "url")
        self.layout.prop(self, "token")


_enum_items = {"model": [], "brand": []}  # Blender needs the item lists kept alive while it shows them


def _model_items(_self, _context):
    items = [(m["id"], m.get("displayName") or m["id"], m.get("family") or "") for m in session.models]
    _enum_items["model"] = items or [(NONE, "Connect to list the models", "")]
    return _enum_items["model"]


def _brand_items(_self, _context):
    items = [(NONE, "No brand", "Generate without a house's vocabulary and palette")]
    items += [(b["id"], b.get("displayName") or b["id"], "") for b in session.brands]
    _enum_items["brand"] = items
    return items


class AtelierSceneSettings(bpy.types.PropertyGroup):
    prompt: StringProperty(name="Prompt", default="", description="What to draw, in French or English")
    model: EnumProperty(name="Model", items=_model_items)
    brand: EnumProperty(name="Brand", items=_brand_items)
    seed: IntProperty(name="Seed", default=-1, min=-1, description="-1: a new seed each time")
    steps: IntProperty(name="Steps", default=0, min=0, max=MAX_STEPS, description="0: the model's default")
    strength: FloatProperty(name="Strength", default=0.6, min=0.0, max=1.0,
                            description="Redraw over: how far the result may go from the render")
    result_image: StringProperty(name="Result", default="", description="The last image the bridge sent back")


def _chosen(value: str) -> str:
    return "" if value in ("", NONE) else value


def _params(settings, init_png=None) -> dict:
    model_id = _chosen(settings.model)
    return generate_params(settings.prompt, model_id, _chosen(settings.brand), model_size(session.model(model_id)),
                           settings.seed, settings.steps, init_png, settings.strength if init_png else None)


def _keep_result(scene_name: str):
    """What runs on the main thread when a job's PNG has come back: it becomes a packed image in the .blend."""
    def keep(png: bytes, outcome):
        image = blender_scene.load_result_image(png, f"Atelier {outcome.results[0].get('id', outcome.job_id)[:12]}")
        scene = bpy.data.scenes.get(scene_name)
        if scene is not None:
            scene.atelier.result_image = image.name
    return keep


# ---- operators ---------------------------------------------------------------------------------------------------

class ATELIER_OT_connect(bpy.types.Operator):
    """Connect to the Atelier bridge and list its models and brands"""
    bl_idname = "atelier.connect"
    bl_label = "Connect"

    def execute(self, context):
        prefs = preferences(context)
        session.connect(prefs.url, prefs.token)
        return {"FINISHED"}


class ATELIER_OT_generate(bpy.types.Operator):
    """Generate an image from the prompt (the work runs on the bridge; Blender stays usable)"""
    bl_idname = "atelier.generate"
    bl_label = "Generate"

    def execute(self, context):
        started = session.generate(_params(context.scene.atelier), _keep_result(context.scene.name))
        if not started:
            self.report({"WARNING"}, session.message)
            return {"CANCELLED"}
        return {"FINISHED"}


class ATELIER_OT_redraw_render(bpy.types.Operator):
    """Render the viewport (the scene camera in background mode) and have the bridge redraw over it"""
    bl_idname = "atelier.redraw_render"
    bl_label = "Redraw over render"

    def execute(self, context):
        settings = context.scene.atelier
        width, height = model_size(session.model(_chosen(settings.model)))
        if width <= 0 or height <= 0:
            width, height = FALLBACK_RENDER_SIZE  # a bridge that declares no size for the model
        if not session.ready_to_generate():
            self.report({"WARNING"}, session.message)
            return {"CANCELLED"}
        try:
            png, _source = blender_scene.render_png(context, width, height)
        except blender_scene.SceneError as error:
            session.say(str(error))
            self.report({"ERROR"}, str(error))
            return {"CANCELLED"}
        if not session.generate(_params(settings, png), _keep_result(context.scene.name)):
            self.report({"WARNING"}, session.message)
            return {"CANCELLED"}
        return {"FINISHED"}


class ATELIER_OT_cancel(bpy.types.Operator):
    """Cancel the running generation"""
    bl_idname = "atelier.cancel"
    bl_label = "Cancel"

    def execute(self, context):
        session.cancel()
        return {"FINISHED"}


class ATELIER_OT_apply_result(bpy.types.Operator):
    """Apply the last result to the selected object: on its UVs, or projected from the view when it has none"""
    bl_idname = "atelier.apply_result"
    bl_label = "Apply to selected"
    bl_options = {"REGISTER", "UNDO"}

    def execute(self, context):
        image = bpy.data.images.get(context.scene.atelier.result_image)
        if image is None:
            self.report({"WARNING"}, "Generate an image first.")
            return {"CANCELLED"}
        try:
            how = blender_scene.apply_to_object(context, context.active_object, image)
        except blender_scene.SceneError as error:
            session.say(str(error))
            self.report({"ERROR"}, str(error))
            return {"CANCELLED"}
        session.say(f"Applied to {context.active_object.name} ({how}).")
        return {"FINISHED"}


class ATELIER_OT_import_scene(bpy.types.Operator, ImportHelper):
    """Import a store or garment scene exported by `./atelier preview render --gltf` (.glb or .gltf)"""
    bl_idname = "atelier.import_scene"
    bl_label = "Import preview scene"
    bl_options = {"REGISTER", "UNDO"}

    filename_ext = ".glb"
    filter_glob: StringProperty(default="*.glb;*.gltf", options={"HIDDEN"})

    def execute(self, context):
        try:
            counts = blender_scene.import_gltf(self.filepath)
        except blender_scene.SceneError as error:
            session.say(str(error))
            self.report({"ERROR"}, str(error))
            return {"CANCELLED"}
        session.say(f"Imported {counts['meshes']} meshes, {counts['materials']} materials, "
                    f"{counts['lights']} lights, {counts['cameras']} cameras.")
        return {"FINISHED"}


# ---- the panel ---------------------------------------------------------------------------------------------------

class VIEW3D_PT_atelier(bpy.types.Panel):
    bl_label = "Atelier"
    bl_idname = "VIEW3D_PT_atelier"
    bl_space_type = "VIEW_3D"
    bl_region_type = "UI"
    bl_category = "Atelier"

    def draw(self, context):
        layout = self.layout
        settings = context.scene.atelier
        row = layout.row()
        row.label(text=f"Connected: {session.url}" if session.connected else "Not connected")
        row.operator(ATELIER_OT_connect.bl_idname, text="Reconnect" if session.connected else "Connect")
        layout.prop(settings, "prompt")
        layout.prop(settings, "model")
        layout.prop(settings, "brand")
        row = layout.row(align=True)
        row.prop(settings, "seed")
        row.prop(settings, "steps")
        if session.busy:
            done = session.step / session.total_steps if session.total_steps else 0.0
            layout.label(text=f"Step {session.step}/{session.total_steps}  ({done:.0%})")
            layout.operator(ATELIER_OT_cancel.bl_idname, icon="CANCEL")
        else:
            row = layout.row(align=True)
            row.operator(ATELIER_OT_generate.bl_idname, icon="IMAGE")
            row.operator(ATELIER_OT_redraw_render.bl_idname, icon="RENDER_STILL")
            layout.prop(settings, "strength")
        if settings.result_image:
            layout.label(text=f"Result: {settings.result_image}", icon="IMAGE_DATA")
            layout.operator(ATELIER_OT_apply_result.bl_idname, icon="MATERIAL")
        layout.operator(ATELIER_OT_import_scene.bl_idname, icon="IMPORT")
        if session.message:
            for line in _wrap(session.message, 48):
                layout.label(text=line)


def _wrap(text: str, width: int):
    line = ""
    for word in text.split():
        if line and len(line) + 1 + len(word) > width:
            yield line
            line = word
        else:
            line = f"{line} {word}" if line else word
    if line:
        yield line


CLASSES = (AtelierPreferences, AtelierSceneSettings, ATELIER_OT_connect, ATELIER_OT_generate,
           ATELIER_OT_redraw_render, ATELIER_OT_cancel, ATELIER_OT_apply_result, ATELIER_OT_import_scene,
           VIEW3D_PT_atelier)


def register():
    for cls in CLASSES:
        bpy.utils.register_class(cls)
    bpy.types.Scene.atelier = PointerProperty(type=AtelierSceneSettings)
    if not bpy.app.timers.is_registered(pump):
        bpy.app.timers.register(pump, first_interval=PUMP_INTERVAL_S, persistent=True)


def unregister():
    if bpy.app.timers.is_registered(pump):
        bpy.app.timers.unregister(pump)
    session.cancel()
    del bpy.types.Scene.atelier
    for cls in reversed(CLASSES):
        bpy.utils.unregister_class(cls)

