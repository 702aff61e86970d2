"""The zip installs through Krita's Import Python Plugin from File…, and the plugin registers its docker."""
import configparser
import importlib
import sys
import zipfile

import package


def test_the_zip_holds_the_desktop_file_and_the_plugin_folder_at_its_root(tmp_path):
    archive = zipfile.ZipFile(package.build(tmp_path / "atelier-krita.zip"))
    names = set(archive.namelist())
    assert {"atelier.desktop", "atelier/__init__.py", "atelier/client.py", "atelier/ui.py"} <= names
    assert not [n for n in names if "__pycache__" in n or n.endswith(".pyc") or n.startswith("tests/")]
    desktop = configparser.ConfigParser()
    desktop.read_string(archive.read("atelier.desktop").decode("utf-8"))
    entry = desktop["Desktop Entry"]
    assert entry["ServiceTypes"] == "Krita/PythonPlugin" and entry["X-KDE-Library"] == "atelier"


def test_importing_the_plugin_registers_the_atelier_docker(qapp):
    import krita  # the STUB module from tests/stubs
    sys.modules.pop("atelier", None)
    importlib.import_module("atelier")
    factories = [f for f in krita.Krita.instance().factories if f.docker_id == "atelier_docker"]
    assert factories
    docker = factories[-1].cls()
    assert docker.windowTitle() == "Atelier" and docker.widget() is not None
