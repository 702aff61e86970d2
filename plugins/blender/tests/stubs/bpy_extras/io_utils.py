"""STUB of bpy_extras.io_utils (tests only)."""


class ImportHelper:
    filepath = ""
