"""The real client (QNetworkAccessManager, QWebSocket) against a scripted bridge on real loopback sockets."""
import json
import socket

import pytest
from PyQt5.QtNetwork import QHostAddress
from PyQt5.QtWebSockets import QWebSocketServer

import fixtures
from atelier import api
from atelier.api import ErrorCode
from atelier.client import Client
from atelier.errors import AtelierError
from atelier.futures import wait
from scripted_bridge import TOKEN, ScriptedBridge, error, result


def _fixture_result(name):
    return result(fixtures.load(name)["result"])


def _fixture_error(name):
    return {"error": fixtures.load(name)["error"]}


def _free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_calls_post_json_rpc_with_the_bearer_token(qapp):
    with ScriptedBridge() as bridge:
        bridge.answers["session.initialize"] = _fixture_result("session.initialize.result")
        client = Client(bridge.url, TOKEN)
        session = wait(client.initialize(), 10)
        method, params, headers = bridge.requests[0]
    assert method == "session.initialize"
    assert headers["Authorization"] == f"Bearer {TOKEN}"
    assert headers["Content-Type"] == "application/json"
    assert "Origin" not in headers
    assert params["clientName"] == "atelier-krita"
    assert "images.generate" in session.capabilities


def test_generate_sends_the_params_exactly_as_the_fixture(qapp):
    request = fixtures.load("images.generate.request")
    with ScriptedBridge() as bridge:
        bridge.answers["images.generate"] = _fixture_result("images.generate.result")
        params = api.from_dict(api.ImagesGenerateParams, request["params"])
        client = Client(bridge.url, TOKEN)
        submitted = wait(client.generate(params), 10)
    assert bridge.calls("images.generate") == [request["params"]]
    assert submitted.jobId


def test_a_wrong_token_reads_as_a_token_problem(qapp):
    with ScriptedBridge() as bridge:
        with pytest.raises(AtelierError) as raised:
            client = Client(bridge.url, "wrong")
            wait(client.initialize(), 10)
    assert raised.value.code == ErrorCode.UNAUTHORIZED
    assert raised.value.http_status == 401
    assert "token" in raised.value.human().lower()


def test_a_bridge_that_is_down_reads_as_not_running(qapp):
    url = f"http://127.0.0.1:{_free_port()}"
    with pytest.raises(AtelierError) as raised:
        client = Client(url, TOKEN)
        wait(client.initialize(), 10)
    assert raised.value.code == ErrorCode.UNREACHABLE
    assert "not running" in raised.value.human(url) and url in raised.value.human(url)


def test_invalid_params_name_the_field(qapp):
    with ScriptedBridge() as bridge:
        bridge.answers["images.generate"] = _fixture_error("error.invalid-params")
        with pytest.raises(AtelierError) as raised:
            client = Client(bridge.url, TOKEN)
            wait(client.generate(api.ImagesGenerateParams(prompt="x", width=13)), 10)
    assert raised.value.code == ErrorCode.INVALID_PARAMS
    assert raised.value.field and raised.value.field in raised.value.human()


def test_a_missing_method_is_reported_as_such(qapp):
    with ScriptedBridge() as bridge:
        with pytest.raises(AtelierError) as raised:
            client = Client(bridge.url, TOKEN)
            wait(client.brands(), 10)
    assert raised.value.code == ErrorCode.METHOD_NOT_FOUND


def test_images_are_fetched_with_the_token(qapp):
    ref = api.from_dict(api.ImageRef, fixtures.load("jobs.get.result")["result"]["results"][0])
    with ScriptedBridge() as bridge:
        bridge.images[ref.url] = b"\x89PNG fake bytes"
        client = Client(bridge.url, TOKEN)
        data = wait(client.fetch_image(ref), 10)
        missing = client.fetch_image(api.ImageRef(id="nope"))
        with pytest.raises(AtelierError) as raised:
            wait(missing, 10)
    assert data == b"\x89PNG fake bytes"
    assert raised.value.code == ErrorCode.NOT_FOUND


class ScriptedSocketBridge:
    """A SCRIPTED WebSocket end of the bridge (QWebSocketServer): answers session.initialize from the fixture when the
    token is right, then pushes the fixture notifications; closes with 1008 on a wrong token."""

    def __init__(self, token=TOKEN):
        self.token = token
        self.received = []
        self.server = QWebSocketServer("scripted-bridge", QWebSocketServer.NonSecureMode)
        assert self.server.listen(QHostAddress.LocalHost, 0)
        self.server.newConnection.connect(self._accept)
        self.sockets = []

    @property
    def url(self):
        return f"http://127.0.0.1:{self.server.serverPort()}"

    def _accept(self):
        sock = self.server.nextPendingConnection()
        self.sockets.append(sock)
        sock.textMessageReceived.connect(lambda text, s=sock: self._on_message(s, text))

    def _on_message(self, sock, text):
        message = json.loads(text)
        self.received.append(message)
        if message["method"] == "session.initialize":
            if message["params"].get("token") != self.token:
                sock.close(1008, "invalid token")
                return
            answer = fixtures.load("session.initialize.result")
            sock.sendTextMessage(json.dumps(dict(answer, id=message["id"])))
            sock.sendTextMessage(json.dumps(fixtures.load("jobs.progress.notification")))
            sock.sendTextMessage(json.dumps(fixtures.load("jobs.finished.notification")))


def test_socket_sends_initialize_with_the_token_first_then_delivers_notifications(qapp):
    bridge = ScriptedSocketBridge()
    client = Client(bridge.url, TOKEN)
    progress, finished = [], []
    client.progress.connect(progress.append)
    client.finished.connect(lambda note: finished.append(note))
    session = wait(client.open_socket(), 10)
    from atelier.futures import sleep
    wait(sleep(200), 5)
    assert bridge.received[0]["method"] == "session.initialize"
    assert bridge.received[0]["params"]["token"] == TOKEN
    assert client.socket_ready and session.serverVersion
    assert progress and isinstance(progress[0], api.JobsProgressNotification) and progress[0].preview.id
    assert finished and finished[0].status == "succeeded" and finished[0].results[0].url
    client.close_socket()
    bridge.server.close()


def test_socket_with_a_wrong_token_fails_as_unauthorized(qapp):
    bridge = ScriptedSocketBridge()
    client = Client(bridge.url, "wrong")
    with pytest.raises(AtelierError) as raised:
        wait(client.open_socket(), 10)
    assert raised.value.code == ErrorCode.UNAUTHORIZED
    assert not client.socket_ready
    bridge.server.close()
