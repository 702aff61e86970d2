"""Puts the plugin and the STUB `krita` module on the path, and gives every test one offscreen QApplication."""
import os
import sys
from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))          # the `atelier` package
sys.path.insert(0, str(HERE))                 # test helpers
sys.path.insert(0, str(HERE / "stubs"))       # STUB krita module
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PyQt5.QtWidgets import QApplication  # noqa: E402


@pytest.fixture(scope="session")
def qapp():
    return QApplication.instance() or QApplication(["atelier-tests"])
