"""Errors from the bridge, and the sentences the designer reads for them.

The sentences are the Krita plugin's (plugins/krita/atelier/errors.py), copied because each Python plugin is
packaged on its own; tests/test_errors.py fails when the two tables drift apart.
"""
from __future__ import annotations

from typing import Optional

from .wire import ErrorCode


class AtelierError(Exception):
    """An error answered by the bridge (a JSON-RPC error) or met on the way to it (no answer at all)."""

    def __init__(self, code: int, message: str = "", reason: Optional[str] = None, field: Optional[str] = None,
                 http_status: Optional[int] = None):
        super().__init__(message or reason or str(code))
        self.code = code
        self.message = message
        self.reason = reason
        self.field = field
        self.http_status = http_status

    @staticmethod
    def from_wire(error: dict, http_status: Optional[int] = None) -> "AtelierError":
        data = error.get("data") if isinstance(error.get("data"), dict) else {}
        return AtelierError(int(error.get("code", ErrorCode.INTERNAL_ERROR)), str(error.get("message", "")),
                            data.get("reason"), data.get("field"), http_status)

    def human(self, bridge_url: str = "") -> str:
        return human_sentence(self, bridge_url)


_SENTENCES = {
    ErrorCode.UNAUTHORIZED: "The bridge refused the token. Copy it again from the token file in the bridge's home "
                            "(~/.atelier/token by default).",
    ErrorCode.FORBIDDEN: "The bridge refused this request: this token may not use that brand, or the bridge does not "
                         "accept this address.",
    ErrorCode.NOT_FOUND: "The bridge does not know that item (or this token may not see it).",
    ErrorCode.TOO_LARGE: "The image or request is too large for the bridge. Try a smaller layer or selection.",
    ErrorCode.BUSY: "The bridge is busy with your earlier requests. Wait for one to finish, or cancel it.",
    ErrorCode.CANCELLED: "Cancelled.",
    ErrorCode.MODEL_FAILURE: "The model failed on this request (possibly out of memory). The bridge is still running; "
                             "try fewer images or a smaller size.",
    ErrorCode.INVALID_IMAGE: "The bridge could not read the image sent to it.",
    ErrorCode.INVALID_PARAMS: "The bridge refused a setting",
    ErrorCode.METHOD_NOT_FOUND: "This bridge does not offer that feature yet. Update the bridge.",
    ErrorCode.INTERNAL_ERROR: "The bridge met an internal error. Its log says more.",
    ErrorCode.PARSE_ERROR: "The bridge could not read the request (this is a plugin bug; please report it).",
    ErrorCode.INVALID_REQUEST: "The bridge refused the request as malformed (this is a plugin bug; please report it).",
    ErrorCode.TIMEOUT: "The bridge did not answer in time.",
    ErrorCode.BAD_ANSWER: "The address answered, but not like an Atelier bridge. Check the bridge URL.",
}


def human_sentence(error: BaseException, bridge_url: str = "") -> str:
    """One sentence a designer can act on; never a stack trace."""
    if not isinstance(error, AtelierError):
        return f"Unexpected problem in the plugin: {error}"
    if error.code == ErrorCode.UNREACHABLE:
        where = f" at {bridge_url}" if bridge_url else ""
        return (f"The bridge is not running{where}. Start it with `./atelier serve` "
                "and press Connect again.")
    if error.code == ErrorCode.INVALID_PARAMS:
        detail = error.reason or error.message or "invalid value"
        return f"The bridge refused a setting{f' ({error.field})' if error.field else ''}: {detail}"
    sentence = _SENTENCES.get(error.code)
    if sentence is None:
        return error.reason or error.message or f"The bridge answered with error {error.code}."
    if error.reason and error.code not in (ErrorCode.UNAUTHORIZED, ErrorCode.METHOD_NOT_FOUND):
        return f"{sentence} ({error.reason})"
    return sentence
