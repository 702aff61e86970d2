"""The protocol's golden fixtures (protocol/src/test/resources/fixtures, listed in its index.json): the shared truth
the Java, Python and JS clients all test against."""
import json
from pathlib import Path

FIXTURES = Path(__file__).resolve().parents[3] / "protocol" / "src" / "test" / "resources" / "fixtures"


def index():
    data = json.loads((FIXTURES / "index.json").read_text(encoding="utf-8"))
    return [dict(entry, body=json.loads((FIXTURES / entry["file"]).read_text(encoding="utf-8")))
            for entry in data["fixtures"]]


def load(file: str) -> dict:
    """One fixture's whole JSON-RPC message, by file name without `.json`."""
    return json.loads((FIXTURES / f"{file}.json").read_text(encoding="utf-8"))
