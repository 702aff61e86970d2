"""Where the bridge is and which token to use: remembered between sessions, found automatically when local."""
from __future__ import annotations

import os
from pathlib import Path
from typing import Callable, Optional

from .client import DEFAULT_URL

SETTINGS_GROUP = "atelier"


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


class Settings:
    """The connection settings. `read`/`write` are Krita's readSetting/writeSetting (or a dict's, in tests)."""

    def __init__(self, read: Optional[Callable[[str, str, str], str]] = None,
                 write: Optional[Callable[[str, str, str], None]] = None):
        self._read = read or (lambda group, key, default: default)
        self._write = write or (lambda group, key, value: None)

    @staticmethod
    def from_krita() -> "Settings":
        try:
            from krita import Krita
            instance = Krita.instance()
            return Settings(instance.readSetting, instance.writeSetting)
        except (ImportError, AttributeError):
            return Settings()

    @property
    def url(self) -> str:
        return self._read(SETTINGS_GROUP, "url", DEFAULT_URL) or DEFAULT_URL

    @url.setter
    def url(self, value: str):
        self._write(SETTINGS_GROUP, "url", value)

    @property
    def token(self) -> str:
        """A token typed by the user wins; a local bridge's token file is the fallback, read fresh each time
        because the bridge writes it on its first start, possibly after Krita started."""
        typed = self._read(SETTINGS_GROUP, "token", "")
        if typed:
            return typed
        return find_local_token() if is_local(self.url) else ""

    @token.setter
    def token(self, value: str):
        self._write(SETTINGS_GROUP, "token", value)
