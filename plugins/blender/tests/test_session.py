"""The add-on's state, as the panel shows it: connecting with the local token, the sentences it says, the params it
sends."""
import base64
import time

import fixtures
from atelier_blender.errors import AtelierError
from atelier_blender.session import MAX_STEPS, Session, generate_params
from atelier_blender.wire import ErrorCode
from scripted_bridge import TOKEN, ScriptedBridge, result


def _answer_discovery(bridge):
    bridge.answers["session.initialize"] = result(fixtures.load("session.initialize.result")["result"])
    bridge.answers["models.list"] = result(fixtures.load("models.list.result")["result"])
    bridge.answers["brands.list"] = result(fixtures.load("brands.list.result")["result"])


def _settle(session, condition, timeout=10):
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, session.message
        session.inbox.pump()
        time.sleep(0.005)


def _home_with_token(tmp_path, token=TOKEN):
    (tmp_path / "token").write_text(token + "\n", encoding="utf-8")
    return {"ATELIER_HOME": str(tmp_path)}


def test_connect_reads_the_local_bridge_s_token_and_lists_models_and_brands(tmp_path):
    with ScriptedBridge() as bridge:
        _answer_discovery(bridge)
        session, changes = Session(), []
        session.listeners.append(lambda: changes.append(session.message))
        session.connect(bridge.url, "", environ=_home_with_token(tmp_path))
        assert session.connecting and not session.connected
        _settle(session, lambda: not session.connecting)
    assert session.connected, session.message
    assert session.message.startswith(f"Connected to {bridge.url}")
    assert [m["id"] for m in session.models] == ["atelier-micro", "house-sd-1.5"]  # no upscaler
    assert session.brands and session.brands[0]["id"]
    assert changes[0].startswith("Connecting") and changes[-1] == session.message


def test_a_typed_token_wins_over_the_token_file(tmp_path):
    with ScriptedBridge() as bridge:
        _answer_discovery(bridge)
        session = Session()
        session.connect(bridge.url, "  wrong  ", environ=_home_with_token(tmp_path))
        _settle(session, lambda: not session.connecting)
    assert not session.connected
    assert session.message == AtelierError(ErrorCode.UNAUTHORIZED).human()


def test_a_remote_bridge_never_gets_the_local_token_file(tmp_path):
    seen = []
    session = Session(client_factory=lambda url, token: seen.append(token) or _Refusing())
    session.connect("http://studio.example:7437", "", environ=_home_with_token(tmp_path))
    _settle(session, lambda: not session.connecting)
    assert seen == [""]


class _Refusing:
    def initialize(self):
        raise AtelierError(ErrorCode.UNAUTHORIZED, "Unauthorized")


def test_an_older_bridge_without_brands_still_connects(tmp_path):
    with ScriptedBridge() as bridge:
        _answer_discovery(bridge)
        del bridge.answers["brands.list"]  # the scripted bridge answers "method not found"
        session = Session()
        session.connect(bridge.url, TOKEN)
        _settle(session, lambda: not session.connecting)
    assert session.connected and session.brands == []


def test_generate_before_connecting_says_to_connect_first():
    session = Session()
    assert not session.generate({"prompt": "robe"})
    assert session.message == "Connect to the bridge first."


def test_a_generation_through_the_session_hands_the_png_to_the_main_thread_callback():
    ref = fixtures.load("jobs.get.result")["result"]["results"][0]
    with ScriptedBridge() as bridge:
        _answer_discovery(bridge)
        bridge.answers["images.generate"] = result({"jobId": "job_1"})
        bridge.answers["jobs.get"] = [result({"jobId": "job_1", "status": "running",
                                              "progress": {"step": 4, "totalSteps": 20}}),
                                      result({"jobId": "job_1", "status": "succeeded",
                                              "progress": {"step": 20, "totalSteps": 20}, "results": [ref]})]
        bridge.images[ref["url"]] = b"\x89PNG"
        session, placed = Session(), []
        session.connect(bridge.url, TOKEN)
        _settle(session, lambda: not session.connecting)
        assert session.generate({"prompt": "robe"}, lambda png, outcome: placed.append((png, outcome.job_id)))
        assert not session.generate({"prompt": "robe"})  # one at a time
        assert session.message == "A generation is already running: wait for it, or cancel it."
        _settle(session, lambda: not session.busy)
    assert placed == [(b"\x89PNG", "job_1")]
    assert session.message == "Done." and session.step == 4 and session.total_steps == 20


def test_generate_params_leave_out_what_the_designer_left_unset():
    assert generate_params("  robe rouge ") == {"prompt": "robe rouge", "count": 1}
    full = generate_params("robe", "atelier-micro", "maison", (128, 128), 42, 400)
    assert full == {"prompt": "robe", "count": 1, "model": "atelier-micro", "brand": "maison", "width": 128,
                    "height": 128, "seed": 42, "steps": MAX_STEPS}


def test_a_redraw_sends_the_render_as_base64_init_image_with_its_strength():
    params = generate_params("robe", init_png=b"\x89PNG render", strength=0.35)
    assert base64.b64decode(params["initImage"]["base64"]) == b"\x89PNG render"
    assert params["strength"] == 0.35 and "mask" not in params
