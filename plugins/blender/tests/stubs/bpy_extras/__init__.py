"""STUB of Blender's bpy_extras (tests only)."""
