"""Puts the add-on, the STUB `bpy` module and the Krita plugin's scripted bridge on the path.

The scripted bridge (plugins/krita/tests/scripted_bridge.py: a real HTTP server on loopback answering from the
protocol's golden fixtures) and its fixture loader are the Krita tests' own, reused rather than copied: both plugins
speak the same wire, and one stand-in means one place to keep it true.
"""
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))                                   # the `atelier_blender` package
sys.path.insert(0, str(HERE.parents[1] / "krita" / "tests"))           # scripted_bridge, fixtures
sys.path.insert(0, str(HERE / "stubs"))                                # STUB bpy, bpy_extras
