#!/usr/bin/env python3
"""Builds build/atelier-blender.zip: the archive Blender's Preferences › Add-ons › Install… expects (the add-on's
package folder at the archive's root)."""
import sys
import zipfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
PACKAGE = "atelier_blender"


def build(out: Path) -> Path:
    out.parent.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for path in sorted((HERE / PACKAGE).rglob("*")):
            if path.is_file() and "__pycache__" not in path.parts and path.suffix != ".pyc":
                archive.write(path, str(path.relative_to(HERE)))
    return out


if __name__ == "__main__":
    target = Path(sys.argv[1]) if len(sys.argv) > 1 else HERE / "build" / "atelier-blender.zip"
    print(build(target))
