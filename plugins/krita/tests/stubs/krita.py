"""STUB of Krita's `krita` Python module, for unit tests outside Krita. Not Krita: only the names the plugin's
registration touches, recording what was registered. The real Krita is exercised by test-in-krita.sh."""
from PyQt5.QtWidgets import QDockWidget


class DockWidget(QDockWidget):
    def canvasChanged(self, canvas):  # noqa: N802 - Krita's name
        pass


class DockWidgetFactoryBase:
    DockRight = 1
    DockLeft = 2


class DockWidgetFactory:
    def __init__(self, docker_id, position, cls):
        self.docker_id, self.position, self.cls = docker_id, position, cls


class Krita:
    _instance = None

    def __init__(self):
        self.factories = []
        self.settings = {}

    @classmethod
    def instance(cls):
        if cls._instance is None:
            cls._instance = Krita()
        return cls._instance

    def addDockWidgetFactory(self, factory):  # noqa: N802 - Krita's name
        self.factories.append(factory)

    def activeDocument(self):  # noqa: N802 - Krita's name
        return None

    def readSetting(self, group, key, default):  # noqa: N802 - Krita's name
        return self.settings.get((group, key), default)

    def writeSetting(self, group, key, value):  # noqa: N802 - Krita's name
        self.settings[(group, key)] = value
