"""Transport to the Atelier bridge: JSON-RPC over HTTP (QNetworkAccessManager) for calls, a WebSocket (QWebSocket)
for the notifications the bridge pushes. Only what Krita bundles; knows the wire, not the widgets."""
from __future__ import annotations

import json
from typing import Dict, Optional

from PyQt5.QtCore import QByteArray, QObject, QTimer, QUrl, pyqtSignal
from PyQt5.QtNetwork import QNetworkAccessManager, QNetworkReply, QNetworkRequest

from . import api
from .api import ErrorCode
from .errors import AtelierError
from .futures import Future

try:  # Debian splits QtWebSockets into python3-pyqt5.qtwebsockets; without it the plugin polls jobs instead
    from PyQt5.QtWebSockets import QWebSocket, QWebSocketProtocol
except ImportError:  # pragma: no cover - depends on the installation
    QWebSocket = None

PLUGIN_VERSION = "0.1.0"
DEFAULT_URL = "http://127.0.0.1:7437"
CALL_TIMEOUT_MS = 60_000
SOCKET_OPEN_TIMEOUT_MS = 10_000


class Client(QObject):
    """One bridge at one URL with one token. Every call returns a Future settled on Qt's event loop."""

    progress = pyqtSignal(object)        # api.JobsProgressNotification
    finished = pyqtSignal(object)        # api.JobsFinishedNotification
    socket_changed = pyqtSignal(bool)    # True once the socket is open and authenticated

    def __init__(self, url: str, token: str, parent: Optional[QObject] = None):
        super().__init__(parent)
        self.url = (url or DEFAULT_URL).strip().rstrip("/")
        self.token = (token or "").strip()
        self._network = QNetworkAccessManager(self)
        self._replies = set()  # keeps replies alive until they finish
        self._next_id = 1
        self._socket = None
        self._socket_ready = False
        self._socket_calls: Dict[int, Future] = {}
        self._socket_opened: Optional[Future] = None

    # ---- HTTP ---------------------------------------------------------------------------------------------------

    def call(self, method: str, params=None) -> Future:
        """POSTs one JSON-RPC request to /rpc; settles with the raw `result` or an AtelierError."""
        body = self._request(method, params)
        request = self._http_request("/rpc")
        request.setHeader(QNetworkRequest.ContentTypeHeader, "application/json")
        reply = self._network.post(request, QByteArray(json.dumps(body).encode("utf-8")))
        return self._watch(reply, self._read_rpc_answer)

    def fetch_image(self, ref: api.ImageRef) -> Future:
        """GETs a stored image's PNG bytes (auth required, brand scope honoured by the bridge)."""
        path = ref.url or f"/images/{ref.id}.png"
        reply = self._network.get(self._http_request(path if path.startswith("/") else "/" + path))
        return self._watch(reply, self._read_image)

    def _request(self, method: str, params) -> dict:
        request_id = self._next_id
        self._next_id += 1
        if params is not None and not isinstance(params, dict):
            params = api.to_dict(params)
        return {"jsonrpc": "2.0", "id": request_id, "method": method, "params": params if params is not None else {}}

    def _http_request(self, path: str) -> QNetworkRequest:
        request = QNetworkRequest(QUrl(self.url + path))
        request.setRawHeader(b"Authorization", b"Bearer " + self.token.encode("utf-8"))
        request.setTransferTimeout(CALL_TIMEOUT_MS)
        return request

    def _watch(self, reply: QNetworkReply, read) -> Future:
        future = Future()
        self._replies.add(reply)

        def on_finished():
            self._replies.discard(reply)
            try:
                future.set_result(read(reply))
            except AtelierError as error:
                future.set_error(error)
            finally:
                reply.deleteLater()

        reply.finished.connect(on_finished)
        return future

    @staticmethod
    def _no_answer(reply: QNetworkReply) -> AtelierError:
        if reply.error() in (QNetworkReply.OperationCanceledError, QNetworkReply.TimeoutError):
            return AtelierError(ErrorCode.TIMEOUT, "timeout")
        return AtelierError(ErrorCode.UNREACHABLE, reply.errorString())

    @staticmethod
    def _read_rpc_answer(reply: QNetworkReply):
        status = reply.attribute(QNetworkRequest.HttpStatusCodeAttribute)
        if status is None:
            raise Client._no_answer(reply)
        raw = bytes(reply.readAll())
        try:
            answer = json.loads(raw.decode("utf-8")) if raw else None
        except (UnicodeDecodeError, ValueError):
            answer = None
        if isinstance(answer, dict) and isinstance(answer.get("error"), dict):
            raise AtelierError.from_wire(answer["error"], status)
        if isinstance(answer, dict) and "result" in answer:
            return answer["result"]
        raise Client._status_error(status)

    @staticmethod
    def _read_image(reply: QNetworkReply) -> bytes:
        status = reply.attribute(QNetworkRequest.HttpStatusCodeAttribute)
        if status is None:
            raise Client._no_answer(reply)
        if status != 200:
            raise Client._status_error(status)
        return bytes(reply.readAll())

    @staticmethod
    def _status_error(status: int) -> AtelierError:
        code = {401: ErrorCode.UNAUTHORIZED, 403: ErrorCode.FORBIDDEN, 404: ErrorCode.NOT_FOUND,
                413: ErrorCode.TOO_LARGE}.get(status, ErrorCode.BAD_ANSWER)
        return AtelierError(code, f"HTTP {status}", http_status=status)

    # ---- typed calls --------------------------------------------------------------------------------------------

    def initialize(self) -> Future:
        params = api.SessionInitializeParams(clientVersion=PLUGIN_VERSION)
        return _typed(self.call("session.initialize", params), api.SessionInitializeResult)

    def models(self) -> Future:
        return _typed(self.call("models.list", {}), api.ModelsListResult)

    def brands(self) -> Future:
        return _typed(self.call("brands.list", {}), api.BrandsListResult)

    def resolve(self, params: api.TaxonomyResolveParams) -> Future:
        return _typed(self.call("taxonomy.resolve", params), api.TaxonomyResolveResult)

    def generate(self, params: api.ImagesGenerateParams) -> Future:
        return _typed(self.call("images.generate", params), api.JobSubmitted)

    def upscale(self, params: api.ImagesUpscaleParams) -> Future:
        return _typed(self.call("images.upscale", params), api.JobSubmitted)

    def capsule(self, params: api.CapsulesGenerateParams) -> Future:
        return _typed(self.call("capsules.generate", params), api.JobSubmitted)

    def job(self, job_id: str) -> Future:
        return _typed(self.call("jobs.get", api.JobIdParams(job_id)), api.JobInfo)

    def cancel(self, job_id: str) -> Future:
        return _typed(self.call("jobs.cancel", api.JobIdParams(job_id)), api.JobStatusResult)

    def add_to_dataset(self, params: api.DatasetsAddParams) -> Future:
        return _typed(self.call("datasets.add", params), api.DatasetsAddResult)

    # ---- WebSocket ----------------------------------------------------------------------------------------------

    @property
    def socket_ready(self) -> bool:
        return self._socket_ready

    def open_socket(self) -> Future:
        """Opens /ws and sends session.initialize with the token first (browsers and sockets carry no header);
        settles with the SessionInitializeResult once the bridge has accepted the token."""
        if QWebSocket is None:
            return _failed(AtelierError(ErrorCode.UNREACHABLE, "QtWebSockets is not installed"))
        self.close_socket()
        self._socket_opened = Future()
        socket = QWebSocket("", QWebSocketProtocol.VersionLatest, self)  # empty origin: no Origin header is sent
        socket.connected.connect(self._on_socket_connected)
        socket.disconnected.connect(self._on_socket_closed)
        socket.textMessageReceived.connect(self._on_socket_message)
        socket.error.connect(self._on_socket_error)
        self._socket = socket
        QTimer.singleShot(SOCKET_OPEN_TIMEOUT_MS, lambda opened=self._socket_opened: opened.set_error(
            AtelierError(ErrorCode.TIMEOUT, "socket did not open in time")))
        ws_url = "ws" + self.url[len("http"):] if self.url.startswith("http") else self.url
        socket.open(QUrl(ws_url + "/ws"))
        return self._socket_opened

    def socket_call(self, method: str, params=None) -> Future:
        """A JSON-RPC request over the socket, e.g. jobs.subscribe, which only means something there."""
        if self._socket is None:
            return _failed(AtelierError(ErrorCode.UNREACHABLE, "socket not open"))
        body = self._request(method, params)
        future = Future()
        self._socket_calls[body["id"]] = future
        self._socket.sendTextMessage(json.dumps(body))
        return future

    def close_socket(self):
        socket, self._socket = self._socket, None
        if socket is not None:
            socket.disconnected.disconnect(self._on_socket_closed)
            socket.close()
            socket.deleteLater()
        if self._socket_opened is not None:
            self._socket_opened.set_error(AtelierError(ErrorCode.UNREACHABLE, "socket closed"))
        self._fail_socket_calls(AtelierError(ErrorCode.UNREACHABLE, "socket closed"))
        if self._socket_ready:
            self._socket_ready = False
            self.socket_changed.emit(False)

    def _on_socket_connected(self):
        params = api.SessionInitializeParams(clientVersion=PLUGIN_VERSION, token=self.token)
        self.socket_call("session.initialize", params).add_done_callback(self._on_socket_initialized)

    def _on_socket_initialized(self, answer: Future):
        opened = self._socket_opened
        if answer.error() is not None:
            if opened is not None:
                opened.set_error(answer.error())
            return
        self._socket_ready = True
        self.socket_changed.emit(True)
        if opened is not None:
            opened.set_result(api.from_dict(api.SessionInitializeResult, answer.result()))

    def _on_socket_error(self, _error):
        socket = self.sender()
        if socket is not None and socket is self._socket and not self._socket_ready:
            # The handshake failed (no WebSocket there, or refused): nothing more will come on this socket.
            self._on_socket_closed()

    def _on_socket_closed(self):
        socket = self.sender()
        if socket is not None and socket is not self._socket:
            return  # a socket already given up (closed on purpose, or failed before)
        code = socket.closeCode() if socket is not None else 0
        reason = socket.closeReason() if socket is not None else ""
        self._socket = None
        if self._socket_opened is not None and not self._socket_opened.done():
            # Closed before accepting the token: a refused token (policy close) or nobody listening at all.
            refused = code in (1008, 4001, 4401) or "token" in reason.lower() or "auth" in reason.lower()
            self._socket_opened.set_error(AtelierError(ErrorCode.UNAUTHORIZED if refused else ErrorCode.UNREACHABLE,
                                                       reason or f"socket closed ({code})"))
        self._fail_socket_calls(AtelierError(ErrorCode.UNREACHABLE, reason or "socket closed"))
        if self._socket_ready:
            self._socket_ready = False
            self.socket_changed.emit(False)

    def _fail_socket_calls(self, error: AtelierError):
        calls, self._socket_calls = self._socket_calls, {}
        for future in calls.values():
            future.set_error(error)

    def _on_socket_message(self, text: str):
        try:
            message = json.loads(text)
        except ValueError:
            return  # not ours to crash on; the bridge only sends JSON
        if not isinstance(message, dict):
            return
        if "id" in message and message.get("id") in self._socket_calls:
            future = self._socket_calls.pop(message["id"])
            if isinstance(message.get("error"), dict):
                future.set_error(AtelierError.from_wire(message["error"]))
            else:
                future.set_result(message.get("result"))
        elif message.get("method") == api.JOBS_PROGRESS:
            self.progress.emit(api.from_dict(api.JobsProgressNotification, message.get("params") or {}))
        elif message.get("method") == api.JOBS_FINISHED:
            self.finished.emit(api.from_dict(api.JobsFinishedNotification, message.get("params") or {}))


def _typed(raw: Future, cls) -> Future:
    typed = Future()

    def convert(done: Future):
        if done.error() is not None:
            typed.set_error(done.error())
            return
        try:
            typed.set_result(api.from_dict(cls, done.result() if done.result() is not None else {}))
        except (TypeError, ValueError) as error:
            typed.set_error(AtelierError(ErrorCode.BAD_ANSWER, str(error)))

    raw.add_done_callback(convert)
    return typed


def _failed(error: BaseException) -> Future:
    future = Future()
    future.set_error(error)
    return future
