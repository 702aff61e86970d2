"""The plugin's protocol mirrors read and write exactly what the golden fixtures hold."""
import pytest

import fixtures
from atelier import api

ENTRIES = fixtures.index()


def _record_class(entry):
    method, kind = entry["method"], entry["kind"]
    if kind == "notification":
        return api.NOTIFICATIONS.get(method)
    if method not in api.METHODS:
        return None
    params_cls, result_cls = api.METHODS[method]
    return params_cls if kind == "request" else result_cls


def _payload(entry):
    body = entry["body"]
    return body.get("params") if entry["kind"] in ("request", "notification") else body.get("result")


def _mirrored(entry):
    return entry["kind"] in ("request", "response", "notification") and _record_class(entry) is not None


@pytest.mark.parametrize("entry", [e for e in ENTRIES if _mirrored(e)], ids=lambda e: e.get("name", e["file"]))
def test_every_fixture_reads_and_writes_back_unchanged(entry):
    cls = _record_class(entry)
    payload = _payload(entry)
    record = api.from_dict(cls, payload)
    assert api.to_dict(record) == payload


@pytest.mark.parametrize("entry", [e for e in ENTRIES if e["kind"] == "error"], ids=lambda e: e["file"])
def test_every_error_fixture_becomes_an_atelier_error_with_a_sentence(entry):
    from atelier.errors import AtelierError
    error = AtelierError.from_wire(entry["body"]["error"])
    assert error.code == entry["body"]["error"]["code"]
    assert error.human() and "Traceback" not in error.human()


def test_the_fixtures_cover_every_method_the_plugin_calls_with_params():
    requests = {e["method"] for e in ENTRIES if e["kind"] == "request"}
    assert {"session.initialize", "images.generate", "datasets.add"} <= requests


def test_unset_fields_are_left_out_of_the_wire_json():
    params = api.ImagesGenerateParams(prompt="red dress", seed=7)
    assert api.to_dict(params) == {"prompt": "red dress", "seed": 7}


def test_unknown_fields_from_a_newer_bridge_are_ignored():
    ref = api.from_dict(api.ImageRef, {"id": "a", "width": 8, "height": 8, "futureField": {"x": 1}})
    assert ref == api.ImageRef(id="a", width=8, height=8)


def test_nested_records_and_lists_are_typed():
    info = api.from_dict(api.JobInfo, fixtures.find("jobs.get", "response", "jobs.get.response")["result"])
    assert isinstance(info.results[0], api.ImageRef)
    assert isinstance(info.progress, api.JobProgress)
    assert info.status in api.JobStatus.FINAL
