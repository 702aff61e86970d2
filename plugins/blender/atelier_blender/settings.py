"""Which token to use: typed by the user, else (for a local bridge) the one it wrote in its home, as the Krita
plugin does (plugins/krita/atelier/settings.py)."""
from __future__ import annotations

import os
from pathlib import Path


def bridge_home(environ=os.environ) -> Path:
    """The local bridge's home: $ATELIER_HOME, else ~/.atelier (the bridge's own default)."""
    home = environ.get("ATELIER_HOME")
    return Path(home).expanduser() if home else Path.home() / ".atelier"


def find_local_token(environ=os.environ) -> str:
    """The admin token a local bridge wrote on first start, or "" when there is none to read."""
    try:
        return (bridge_home(environ) / "token").read_text(encoding="utf-8").strip()
    except OSError:
        return ""


def is_local(url: str) -> bool:
    host = url.split("://", 1)[-1].split("/", 1)[0].rsplit(":", 1)[0].strip("[]").lower()
    return host in ("127.0.0.1", "localhost", "::1")


def effective_token(url: str, typed: str, environ=os.environ) -> str:
    """A token typed by the user wins; a local bridge's token file is the fallback, read fresh at each connect
    because the bridge writes it on its first start, possibly after Blender started."""
    typed = (typed or "").strip()
    if typed:
        return typed
    return find_local_token(environ) if is_local(url) else ""
