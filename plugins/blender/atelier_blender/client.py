"""Transport to the Atelier bridge: JSON-RPC 2.0 over HTTP with the standard library only (Blender's Python has no
Qt and no third-party packages). Every call BLOCKS: the add-on makes them on a worker thread (tasks.py), never on
Blender's main thread. Progress is read by polling jobs.get, which the protocol offers over HTTP."""
from __future__ import annotations

import http.client
import json
import socket
import urllib.parse
from typing import Optional

from .errors import AtelierError
from .wire import CLIENT_NAME, DEFAULT_URL, PLUGIN_VERSION, ErrorCode

CALL_TIMEOUT_S = 60.0
_STATUS_ERRORS = {401: ErrorCode.UNAUTHORIZED, 403: ErrorCode.FORBIDDEN, 404: ErrorCode.NOT_FOUND,
                  413: ErrorCode.TOO_LARGE}


class Client:
    """One bridge at one URL with one token. Thread-safe: each call opens its own connection."""

    def __init__(self, url: str, token: str, timeout: float = CALL_TIMEOUT_S):
        self.url = (url or DEFAULT_URL).strip().rstrip("/")
        self.token = (token or "").strip()
        self.timeout = timeout
        parts = urllib.parse.urlsplit(self.url)
        if parts.scheme not in ("http", "https") or not parts.hostname:
            raise AtelierError(ErrorCode.BAD_ANSWER, f"not an http URL: {self.url}")
        self._scheme, self._host, self._port = parts.scheme, parts.hostname, parts.port
        self._next_id = 1

    # ---- the wire -----------------------------------------------------------------------------------------------

    def call(self, method: str, params: Optional[dict] = None):
        """POSTs one JSON-RPC request to /rpc; returns its `result` or raises AtelierError."""
        request_id, self._next_id = self._next_id, self._next_id + 1
        body = json.dumps({"jsonrpc": "2.0", "id": request_id, "method": method,
                           "params": params if params is not None else {}}).encode("utf-8")
        status, raw = self._exchange("POST", "/rpc", body, {"Content-Type": "application/json"})
        try:
            answer = json.loads(raw.decode("utf-8")) if raw else None
        except (UnicodeDecodeError, ValueError):
            answer = None
        if isinstance(answer, dict) and isinstance(answer.get("error"), dict):
            raise AtelierError.from_wire(answer["error"], status)
        if isinstance(answer, dict) and "result" in answer:
            return answer["result"]
        raise _status_error(status)

    def fetch_image(self, ref: dict) -> bytes:
        """GETs a stored image's PNG bytes (auth required; the bridge honours the token's brand scope)."""
        path = ref.get("url") or f"/images/{ref.get('id')}.png"
        status, raw = self._exchange("GET", path if path.startswith("/") else "/" + path, None, {})
        if status != 200:
            raise _status_error(status)
        return raw

    def _exchange(self, verb: str, path: str, body: Optional[bytes], headers: dict):
        connection_class = http.client.HTTPSConnection if self._scheme == "https" else http.client.HTTPConnection
        connection = connection_class(self._host, self._port, timeout=self.timeout)
        try:
            connection.request(verb, path, body=body,
                               headers=dict(headers, Authorization=f"Bearer {self.token}"))
            response = connection.getresponse()
            return response.status, response.read()
        except socket.timeout as error:
            raise AtelierError(ErrorCode.TIMEOUT, "timeout") from error
        except (OSError, http.client.HTTPException) as error:
            raise AtelierError(ErrorCode.UNREACHABLE, str(error)) from error
        finally:
            connection.close()

    # ---- the methods the add-on uses ----------------------------------------------------------------------------

    def initialize(self) -> dict:
        return self.call("session.initialize", {"clientName": CLIENT_NAME, "clientVersion": PLUGIN_VERSION})

    def models(self) -> list:
        return list((self.call("models.list", {}) or {}).get("models") or [])

    def brands(self) -> list:
        return list((self.call("brands.list", {}) or {}).get("brands") or [])

    def generate(self, params: dict) -> str:
        job_id = (self.call("images.generate", params) or {}).get("jobId")
        if not job_id:
            raise AtelierError(ErrorCode.BAD_ANSWER, "images.generate answered no jobId")
        return job_id

    def job(self, job_id: str) -> dict:
        return self.call("jobs.get", {"jobId": job_id}) or {}

    def cancel(self, job_id: str) -> dict:
        return self.call("jobs.cancel", {"jobId": job_id}) or {}


def _status_error(status: int) -> AtelierError:
    return AtelierError(_STATUS_ERRORS.get(status, ErrorCode.BAD_ANSWER), f"HTTP {status}", http_status=status)


def diffusion_models(models: list) -> list:
    """The models that draw (not upscalers), the bridge's default first."""
    drawing = [m for m in models if m.get("kind", "diffusion") == "diffusion" and m.get("id")]
    return sorted(drawing, key=lambda m: not m.get("isDefault"))


def model_size(model: Optional[dict]) -> tuple:
    """The size the model draws best: its first drawable size, else its native size, else 0x0 (bridge default)."""
    if not model:
        return 0, 0
    sizes = model.get("drawableSizes") or []
    if sizes:
        return int(sizes[0].get("width", 0)), int(sizes[0].get("height", 0))
    return int(model.get("nativeWidth", 0)), int(model.get("nativeHeight", 0))
