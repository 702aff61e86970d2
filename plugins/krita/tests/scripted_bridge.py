"""A SCRIPTED stand-in for the bridge: a real HTTP server on a free loopback port that answers JSON-RPC from the
protocol's golden fixtures (or from a test's script), checks the bearer token as the bridge does, and records every
request. Unit tests use it to drive the real client over real sockets; test-in-krita.sh uses the real bridge."""
import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

TOKEN = "s3cr3t"


def result(value):
    return {"result": value}


def error(code, message, reason=None, field=None):
    data = {k: v for k, v in {"reason": reason, "field": field}.items() if v is not None}
    return {"error": {"code": code, "message": message, "data": data}}


class ScriptedBridge:
    def __init__(self, token=TOKEN):
        self.token = token
        self.answers = {}     # method -> answer dict, list of answer dicts (served in turn), or callable(params)
        self.images = {}      # path -> PNG bytes
        self.requests = []    # (method, params, headers)
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    @property
    def url(self):
        return f"http://127.0.0.1:{self._server.server_address[1]}"

    def __enter__(self):
        self._thread.start()
        return self

    def __exit__(self, *exc):
        self._server.shutdown()
        self._server.server_close()

    def calls(self, method):
        return [params for m, params, _ in self.requests if m == method]

    def _answer(self, method, params):
        answer = self.answers.get(method)
        if answer is None:
            return error(-32601, "Method not found", f"No method {method}.")
        if isinstance(answer, list):
            answer = answer.pop(0) if len(answer) > 1 else answer[0]
        return answer(params) if callable(answer) else answer

    def _handler(self):
        bridge = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):
                pass

            def _send(self, status, body, content_type="application/json"):
                self.send_response(status)
                self.send_header("Content-Type", content_type)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def _authorised(self):
                return self.headers.get("Authorization") == f"Bearer {bridge.token}"

            def do_POST(self):  # noqa: N802 - http.server's name
                raw = self.rfile.read(int(self.headers.get("Content-Length", 0)))
                request = json.loads(raw)
                bridge.requests.append((request["method"], request.get("params"), dict(self.headers)))
                if not self._authorised():
                    body = dict(jsonrpc="2.0", id=None, **error(-32001, "Unauthorized", "A valid token is required."))
                    self._send(401, json.dumps(body).encode())
                    return
                answer = bridge._answer(request["method"], request.get("params") or {})
                self._send(200, json.dumps(dict(jsonrpc="2.0", id=request["id"], **answer)).encode())

            def do_GET(self):  # noqa: N802 - http.server's name
                bridge.requests.append(("GET " + self.path, None, dict(self.headers)))
                if not self._authorised():
                    self._send(401, b"")
                elif self.path in bridge.images:
                    self._send(200, bridge.images[self.path], "image/png")
                else:
                    self._send(404, b"")

        return Handler
