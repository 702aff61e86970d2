"""The stdlib client against a scripted bridge on real loopback sockets (the Krita tests' stand-in)."""
import socket

import pytest

import fixtures
from atelier_blender.client import Client, diffusion_models, model_size
from atelier_blender.errors import AtelierError
from atelier_blender.wire import ErrorCode
from scripted_bridge import TOKEN, ScriptedBridge, result


def _free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_calls_post_json_rpc_with_the_bearer_token_and_no_origin():
    with ScriptedBridge() as bridge:
        bridge.answers["session.initialize"] = result(fixtures.load("session.initialize.result")["result"])
        session = Client(bridge.url, TOKEN).initialize()
        method, params, headers = bridge.requests[0]
    assert method == "session.initialize"
    assert headers["Authorization"] == f"Bearer {TOKEN}"
    assert headers["Content-Type"] == "application/json"
    assert "Origin" not in headers
    assert params["clientName"] == "atelier-blender"
    assert "images.generate" in session["capabilities"]


def test_generate_sends_the_params_exactly_as_the_fixture_and_returns_the_job_id():
    request = fixtures.load("images.generate.request")
    with ScriptedBridge() as bridge:
        bridge.answers["images.generate"] = result(fixtures.load("images.generate.result")["result"])
        job_id = Client(bridge.url, TOKEN).generate(request["params"])
    assert bridge.calls("images.generate") == [request["params"]]
    assert job_id == fixtures.load("images.generate.result")["result"]["jobId"]


def test_a_wrong_token_is_unauthorized():
    with ScriptedBridge() as bridge, pytest.raises(AtelierError) as raised:
        Client(bridge.url, "wrong").models()
    assert raised.value.code == ErrorCode.UNAUTHORIZED and raised.value.http_status == 401


def test_a_bridge_that_is_down_reads_as_not_running_at_its_url():
    url = f"http://127.0.0.1:{_free_port()}"
    with pytest.raises(AtelierError) as raised:
        Client(url, TOKEN).initialize()
    assert raised.value.code == ErrorCode.UNREACHABLE
    assert raised.value.human(url).startswith(f"The bridge is not running at {url}.")


def test_invalid_params_name_the_field():
    with ScriptedBridge() as bridge, pytest.raises(AtelierError) as raised:
        bridge.answers["images.generate"] = {"error": fixtures.load("error.invalid-params")["error"]}
        Client(bridge.url, TOKEN).generate({"prompt": "x", "width": 13})
    assert raised.value.code == ErrorCode.INVALID_PARAMS
    assert raised.value.field and f"({raised.value.field})" in raised.value.human()


def test_images_are_fetched_with_the_token_and_a_missing_one_is_not_found():
    ref = fixtures.load("jobs.get.result")["result"]["results"][0]
    with ScriptedBridge() as bridge:
        bridge.images[ref["url"]] = b"\x89PNG bytes"
        client = Client(bridge.url, TOKEN)
        data = client.fetch_image(ref)
        with pytest.raises(AtelierError) as raised:
            client.fetch_image({"id": "nope"})
    assert data == b"\x89PNG bytes"
    assert raised.value.code == ErrorCode.NOT_FOUND


def test_an_answer_that_is_not_json_rpc_is_a_bad_answer_and_a_non_http_url_too():
    with ScriptedBridge() as bridge, pytest.raises(AtelierError) as raised:
        bridge.answers["models.list"] = {}  # HTTP 200 with neither result nor error
        Client(bridge.url, TOKEN).models()
    assert raised.value.code == ErrorCode.BAD_ANSWER
    assert "not like an Atelier bridge" in raised.value.human()
    with pytest.raises(AtelierError) as raised:
        Client("ftp://127.0.0.1:7437", TOKEN)
    assert raised.value.code == ErrorCode.BAD_ANSWER


def test_the_model_list_offers_drawing_models_default_first_with_their_size():
    models = fixtures.load("models.list.result")["result"]["models"]
    drawing = diffusion_models(list(reversed(models)))
    assert drawing and drawing[0]["isDefault"]
    assert all(m["kind"] == "diffusion" for m in drawing)
    assert model_size(drawing[0]) != (0, 0)
    assert model_size({"nativeWidth": 128, "nativeHeight": 96}) == (128, 96)
    assert model_size({"drawableSizes": [{"width": 512, "height": 768}], "nativeWidth": 512}) == (512, 768)
    assert model_size(None) == (0, 0)
