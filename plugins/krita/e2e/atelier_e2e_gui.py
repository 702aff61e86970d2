"""A TEST-ONLY Krita plugin installed beside Atelier by test-in-krita.sh: once Krita's main window is up, it checks
that the installed Atelier plugin registered its docker, shows it, presses Connect, saves a screenshot, writes a
verdict file and quits Krita. Never packaged with the Atelier plugin."""
import json
import os

from krita import Extension, Krita
from PyQt5.QtCore import QTimer

RESULT = os.environ.get("ATELIER_E2E_GUI_RESULT", "atelier-e2e-gui.json")
SCREENSHOTS = os.environ.get("SCREENSHOT_DIR", ".")


def _finish(passed, detail):
    with open(RESULT, "w", encoding="utf-8") as out:
        json.dump({"passed": passed, "detail": detail}, out)
    QTimer.singleShot(500, lambda: os._exit(0))  # file_quit can stall on an offscreen X server; the verdict is written
    Krita.instance().action("file_quit").trigger()


def _check():
    try:
        docks = [d for d in Krita.instance().dockers() if d.objectName() == "atelier_docker"]
        if not docks:
            _finish(False, "no atelier_docker among Krita's dockers: the plugin did not load")
            return
        dock = docks[0]
        dock.show()
        dock.raise_()
        widget = dock.widget()
        widget.resize(380, 860)
        # Press Connect as a designer would: the URL comes from kritarc, the token from $ATELIER_HOME/token.
        widget.connect_button.click()
        _await_connection(dock, widget, 40)
    except Exception as error:  # noqa: BLE001 - any failure is the verdict
        _finish(False, f"{type(error).__name__}: {error}")


def _await_connection(dock, widget, tries_left):
    if widget.model.connection in ("connected", "error") or tries_left <= 0:
        QTimer.singleShot(500, lambda: _grab(dock, widget))
    else:
        QTimer.singleShot(250, lambda: _await_connection(dock, widget, tries_left - 1))


def _grab(dock, widget):
    path = os.path.join(SCREENSHOTS, "atelier-docker-gui.png")
    saved = widget.grab().save(path)
    title = dock.windowTitle()
    state = widget.model.connection
    _finish(saved and title == "Atelier" and state == "connected",
            f"docker '{title}' shown in the Krita GUI, {state} ({widget.model.message}), screenshot {path}")


class AtelierGuiProbe(Extension):
    def setup(self):
        pass

    def createActions(self, window):  # noqa: N802 - Krita's name; called once the main window exists
        QTimer.singleShot(4000, _check)


Krita.instance().addExtension(AtelierGuiProbe(Krita.instance()))
