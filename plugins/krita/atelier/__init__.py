"""Atelier for Krita: brand-specialised image generation from a local Atelier bridge, in a docker panel.

Only this file touches Krita's plugin registry; everything else is importable (and tested) without Krita.
"""
from .client import PLUGIN_VERSION

try:
    from krita import DockWidget, DockWidgetFactory, DockWidgetFactoryBase, Krita
except ImportError:  # imported outside Krita (unit tests, packaging): nothing to register
    Krita = None

DOCKER_ID = "atelier_docker"

if Krita is not None:
    from .document import active_document
    from .model import Model
    from .settings import Settings
    from .ui import AtelierWidget

    class AtelierDocker(DockWidget):
        """The Atelier docker: Settings › Dockers › Atelier."""

        def __init__(self):
            super().__init__()
            self.setWindowTitle("Atelier")
            self.model = Model(Settings.from_krita(), active_document)
            self.setWidget(AtelierWidget(self.model))

        def canvasChanged(self, canvas):
            # The model asks Krita for the active document at each action, so nothing to cache here.
            pass

    Krita.instance().addDockWidgetFactory(
        DockWidgetFactory(DOCKER_ID, DockWidgetFactoryBase.DockRight, AtelierDocker))
