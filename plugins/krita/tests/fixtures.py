"""The protocol's golden fixtures: protocol/src/test/resources/fixtures when the protocol module has them, else the
plugin's interim copy under tests/data/fixtures (same index format)."""
import json
from pathlib import Path

HERE = Path(__file__).resolve().parent
PROTOCOL_FIXTURES = HERE.parents[2] / "protocol" / "src" / "test" / "resources" / "fixtures"
INTERIM_FIXTURES = HERE / "data" / "fixtures"


def fixtures_dir() -> Path:
    return PROTOCOL_FIXTURES if (PROTOCOL_FIXTURES / "index.json").exists() else INTERIM_FIXTURES


def index():
    root = fixtures_dir()
    data = json.loads((root / "index.json").read_text(encoding="utf-8"))
    entries = data["fixtures"] if isinstance(data, dict) else data
    return [dict(entry, body=json.loads((root / entry["file"]).read_text(encoding="utf-8"))) for entry in entries]


def find(method: str, kind: str, name_part: str = ""):
    for entry in index():
        if entry["method"] == method and entry["kind"] == kind and name_part in entry.get("name", entry["file"]):
            return entry["body"]
    raise KeyError(f"no {kind} fixture for {method}")
