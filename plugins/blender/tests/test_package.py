"""The zip installs through Blender's Preferences › Add-ons › Install…, and enabling it registers the sidebar panel,
the operators and the main-thread timer (against the STUB bpy; the real Blender does the same in
test-in-blender.sh)."""
import ast
import importlib
import sys
import zipfile

import bpy  # the STUB
import package


def test_the_zip_holds_the_add_on_package_at_its_root_with_its_bl_info(tmp_path):
    archive = zipfile.ZipFile(package.build(tmp_path / "atelier-blender.zip"))
    names = set(archive.namelist())
    assert {"atelier_blender/__init__.py", "atelier_blender/client.py", "atelier_blender/ui.py"} <= names
    assert not [n for n in names if "__pycache__" in n or n.endswith(".pyc") or not n.startswith("atelier_blender/")]
    tree = ast.parse(archive.read("atelier_blender/__init__.py"))
    info = next(ast.literal_eval(node.value) for node in tree.body
                if isinstance(node, ast.Assign) and node.targets[0].id == "bl_info")
    assert info["name"] == "Atelier" and info["blender"] >= (3, 4, 0) and "Sidebar" in info["location"]


def test_enabling_registers_the_panel_operators_and_timer_and_disabling_removes_them():
    for name in [n for n in sys.modules if n.startswith("atelier_blender")]:
        del sys.modules[name]
    addon = importlib.import_module("atelier_blender")
    addon.register()
    ui = sys.modules["atelier_blender.ui"]
    try:
        panels = [cls for cls in bpy.registered if cls.__name__ == "VIEW3D_PT_atelier"]
        assert panels and (panels[0].bl_space_type, panels[0].bl_region_type, panels[0].bl_category) == \
            ("VIEW_3D", "UI", "Atelier")
        operators = {cls.bl_idname for cls in bpy.registered if hasattr(cls, "bl_idname") and "." in cls.bl_idname}
        assert {"atelier.connect", "atelier.generate", "atelier.cancel", "atelier.apply_result",
                "atelier.import_scene", "atelier.redraw_render"} <= operators
        assert bpy.app.timers.is_registered(ui.pump) and bpy.app.timers.functions[ui.pump][1]  # persistent
        assert hasattr(bpy.types.Scene, "atelier")
    finally:
        addon.unregister()
    assert not bpy.registered and not bpy.app.timers.functions and not hasattr(bpy.types.Scene, "atelier")
