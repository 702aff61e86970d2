"""A STUB of Blender's `bpy`, just enough to import the add-on and register it outside Blender (tests only; the real
Blender runs in test-in-blender.sh). It records what the add-on registers."""
import types as _types


class _Struct:
    pass


class _Registrable(_Struct):
    pass


types = _types.SimpleNamespace(
    Panel=type("Panel", (_Registrable,), {}),
    Operator=type("Operator", (_Registrable,), {}),
    PropertyGroup=type("PropertyGroup", (_Registrable,), {}),
    AddonPreferences=type("AddonPreferences", (_Registrable,), {}),
    Scene=type("Scene", (), {}),
    Image=object, Material=object,
)


def _property(kind):
    def make(**options):
        return (kind, options)
    return make


props = _types.ModuleType("bpy.props")
for _name in ("StringProperty", "EnumProperty", "IntProperty", "FloatProperty", "BoolProperty", "PointerProperty"):
    setattr(props, _name, _property(_name))

registered = []


def _register_class(cls):
    if cls in registered:
        raise ValueError(f"{cls.__name__} is already registered")
    registered.append(cls)


def _unregister_class(cls):
    registered.remove(cls)


utils = _types.SimpleNamespace(register_class=_register_class, unregister_class=_unregister_class)


class _Timers:
    def __init__(self):
        self.functions = {}

    def register(self, function, first_interval=0.0, persistent=False):
        self.functions[function] = (first_interval, persistent)

    def unregister(self, function):
        del self.functions[function]

    def is_registered(self, function):
        return function in self.functions


app = _types.SimpleNamespace(background=True, tempdir="", timers=_Timers(), version=(3, 4, 1))
data = _types.SimpleNamespace(images={}, scenes={}, objects=[], materials=None)
context = _types.SimpleNamespace(window_manager=None, preferences=None, scene=None)
ops = _types.SimpleNamespace()

# `from bpy.props import ...` needs bpy.props importable as a module, as in Blender.
import sys as _sys  # noqa: E402

_sys.modules[__name__ + ".props"] = props
