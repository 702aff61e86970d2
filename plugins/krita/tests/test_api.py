"""The plugin's protocol mirrors read and write exactly what the protocol's golden fixtures hold."""
import dataclasses

import pytest

import fixtures
from atelier import api
from atelier.errors import AtelierError

ENTRIES = fixtures.index()


def _mirror(entry):
    """The api dataclass mirroring the fixture's Java record (same name), if the plugin mirrors it."""
    cls = getattr(api, entry.get("record", ""), None)
    return cls if isinstance(cls, type) and dataclasses.is_dataclass(cls) else None


def _payload(entry):
    body = entry["body"]
    return {"request": body.get("params"), "notification": body.get("params"), "result": body.get("result"),
            "error": body.get("error")}[entry["kind"]]


MIRRORED = [e for e in ENTRIES if e["kind"] in ("request", "result", "notification", "error") and _mirror(e)]


@pytest.mark.parametrize("entry", MIRRORED, ids=lambda e: e["file"])
def test_every_mirrored_fixture_reads_and_writes_back_unchanged(entry):
    payload = _payload(entry)
    assert api.to_dict(api.from_dict(_mirror(entry), payload)) == payload


@pytest.mark.parametrize("method", sorted(api.METHODS))
def test_every_method_the_plugin_calls_uses_the_records_the_protocol_names(method):
    params_cls, result_cls = api.METHODS[method]
    records = {e["kind"]: e["record"] for e in ENTRIES if e.get("method") == method}
    assert records, f"the protocol has no fixture for {method}"
    assert (params_cls.__name__ if params_cls else "Empty") == records["request"]
    assert result_cls.__name__ == records["result"]


@pytest.mark.parametrize("method", sorted(api.NOTIFICATIONS))
def test_every_notification_the_plugin_reads_has_its_record(method):
    records = {e["record"] for e in ENTRIES if e.get("method") == method and e["kind"] == "notification"}
    assert records == {api.NOTIFICATIONS[method].__name__}


@pytest.mark.parametrize("entry", [e for e in ENTRIES if e["kind"] == "error"], ids=lambda e: e["file"])
def test_every_error_fixture_becomes_a_sentence_without_internals(entry):
    error = AtelierError.from_wire(entry["body"]["error"])
    assert error.code == entry["code"]
    sentence = error.human("http://127.0.0.1:7437")
    assert sentence and "Traceback" not in sentence and "Exception" not in sentence


def test_unset_fields_are_left_out_of_the_wire_json():
    params = api.ImagesGenerateParams(prompt="red dress", seed=7)
    assert api.to_dict(params) == {"prompt": "red dress", "seed": 7}


def test_unknown_fields_from_a_newer_bridge_are_ignored():
    ref = api.from_dict(api.ImageRef, {"id": "a", "width": 8, "height": 8, "futureField": {"x": 1}})
    assert ref == api.ImageRef(id="a", width=8, height=8)


def test_nested_records_and_lists_are_typed():
    info = api.from_dict(api.JobInfo, fixtures.load("jobs.get.result")["result"])
    assert isinstance(info.results[0], api.ImageRef)
    assert isinstance(info.progress, api.JobProgress)
    assert info.status in api.JobStatus.FINAL
