#!/usr/bin/env python3
"""Builds build/atelier-krita.zip: the archive Krita's Tools › Scripts › Import Python Plugin from File… expects
(the .desktop file and the plugin folder at the archive's root)."""
import sys
import zipfile
from pathlib import Path

HERE = Path(__file__).resolve().parent


def build(out: Path) -> Path:
    out.parent.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.write(HERE / "atelier.desktop", "atelier.desktop")
        for path in sorted((HERE / "atelier").rglob("*")):
            if path.is_file() and "__pycache__" not in path.parts and path.suffix != ".pyc":
                archive.write(path, str(path.relative_to(HERE)))
    return out


if __name__ == "__main__":
    target = Path(sys.argv[1]) if len(sys.argv) > 1 else HERE / "build" / "atelier-krita.zip"
    print(build(target))
