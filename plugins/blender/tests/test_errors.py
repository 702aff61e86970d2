"""The Blender add-on says exactly what the Krita plugin says for each error: same table, same sentence rules."""
import importlib.util
import sys
import types
from pathlib import Path

import pytest

from atelier_blender import errors as blender_errors
from atelier_blender.wire import ErrorCode

KRITA_PLUGIN = Path(__file__).resolve().parents[2] / "krita" / "atelier"


@pytest.fixture(scope="module")
def krita_errors():
    """Krita's errors.py (and the api.py it imports), loaded without the Krita package's __init__ (which needs
    PyQt5 and Krita)."""
    package = types.ModuleType("krita_atelier")
    package.__path__ = [str(KRITA_PLUGIN)]
    sys.modules["krita_atelier"] = package
    try:
        for name in ("api", "errors"):
            spec = importlib.util.spec_from_file_location(f"krita_atelier.{name}", KRITA_PLUGIN / f"{name}.py")
            module = importlib.util.module_from_spec(spec)
            sys.modules[spec.name] = module
            spec.loader.exec_module(module)
        yield sys.modules["krita_atelier.errors"]
    finally:
        for name in ("krita_atelier", "krita_atelier.api", "krita_atelier.errors"):
            sys.modules.pop(name, None)


def test_the_sentence_table_is_krita_s(krita_errors):
    assert blender_errors._SENTENCES == krita_errors._SENTENCES


def test_the_error_codes_are_krita_s(krita_errors):
    krita_codes = {name: value for name, value in vars(krita_errors.ErrorCode).items() if name.isupper()}
    blender_codes = {name: value for name, value in vars(ErrorCode).items() if name.isupper()}
    assert blender_codes == krita_codes


@pytest.mark.parametrize("reason", [None, "Too many queued jobs"])
@pytest.mark.parametrize("field", [None, "width"])
def test_every_error_reads_the_same_sentence_in_both_plugins(krita_errors, reason, field):
    codes = [value for name, value in vars(ErrorCode).items() if name.isupper()] + [-32099]
    for code in codes:
        ours = blender_errors.AtelierError(code, "message", reason, field)
        theirs = krita_errors.AtelierError(code, "message", reason, field)
        assert ours.human("http://127.0.0.1:7437") == theirs.human("http://127.0.0.1:7437"), code
    assert blender_errors.human_sentence(ValueError("x")) == krita_errors.human_sentence(ValueError("x"))


def test_a_refused_token_says_where_the_token_is():
    sentence = blender_errors.AtelierError(ErrorCode.UNAUTHORIZED, "Unauthorized", "A valid token is required").human()
    assert sentence.startswith("The bridge refused the token.") and "~/.atelier/token" in sentence
