"""``new`` writes a valid commented scenario; the JSON Schema matches the validator."""

from __future__ import annotations

import copy
import json

import jsonschema
import pytest
import yaml

from game.authoring.jsonschema_export import SCHEMA_FILE, schema_text
from game.engine import load_text, validate_file

from .conftest import MUNICH, TINY, TUTORIAL, TUTORIAL_TABLE, run


def test_new_writes_a_valid_scenario_and_never_overwrites(tmp_path) -> None:
    code, out, _ = run("new", "yalta-1945", "--dir", str(tmp_path))
    path = tmp_path / "yalta-1945.yaml"
    assert code == 0 and str(path) in out
    scenario, findings = validate_file(str(path))
    assert scenario is not None and findings == [] and scenario.id == "yalta_1945"
    assert "# yaml-language-server: $schema=" in path.read_text()
    before = path.read_text()
    code, _, err = run("new", "yalta-1945", "--dir", str(tmp_path))
    assert code == 1 and "exists already" in err and path.read_text() == before
    assert run("check", str(path))[0] == 0


@pytest.mark.parametrize(("name", "example"), [("Yalta", "yalta"), ("Bad Name", "bad-name"), ("1945", "yalta-1945")])
def test_new_refuses_bad_names_as_a_usage_error(tmp_path, name, example) -> None:
    """A name that cannot be used is a mistake on the command line: exit 2, like argparse's own."""
    code, out, err = run("new", name, "--dir", str(tmp_path))
    assert code == 2 and out == ""
    assert err.count("\n") == 1 and "not a usable name" in err and f"e.g. {example}" in err, err
    assert "lower-case letters, digits, '-' and '_'" in err
    assert list(tmp_path.iterdir()) == []


def test_new_help_gives_the_exit_codes() -> None:
    code, out, _ = run("new", "--help")
    assert code == 0
    text = " ".join(out.split())
    assert "1 the file exists already" in text and "2 usage error" in text


def test_schema_file_is_the_generator_output() -> None:
    assert SCHEMA_FILE.read_text(encoding="utf-8") == schema_text(), (
        "regenerate: python main.py schema -o docs/schema/scenario.schema.json"
    )
    code, out, _ = run("schema")
    assert code == 0 and json.loads(out)["title"] == "scenario"


class _TextDates(yaml.SafeLoader):
    """YAML as an editor's schema checker sees it: dates stay text."""


_TextDates.yaml_implicit_resolvers = {
    key: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for key, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def _schema_ok(text: str) -> bool:
    validator = jsonschema.Draft202012Validator(json.loads(schema_text()))
    return validator.is_valid(yaml.load(text, Loader=_TextDates))


def _validator_ok(text: str) -> bool:
    return load_text("case.yaml", text)[0] is not None


def _mutations() -> list[tuple[str, str]]:
    base = yaml.load(TINY.read_text(), Loader=_TextDates)

    def change(name, fn):
        data = copy.deepcopy(base)
        fn(data)
        return name, yaml.safe_dump(data, sort_keys=False, allow_unicode=True)

    return [
        change("missing title", lambda d: d["meta"].pop("title")),
        change("unknown key", lambda d: d["actors"][0].update(colur="#000000")),
        change("bad id", lambda d: d["variables"][0].update(id="Trust")),
        change("text for int", lambda d: d["variables"][0].update(min="low")),
        change("bad colour", lambda d: d["actors"][0].update(colour="red")),
        change("bad seat", lambda d: d["actors"][1].update(seat="gallery")),
        change("format 3", lambda d: d.update(format=3)),
        change("no choices or chance", lambda d: d["nodes"][0].pop("choices")),
        change("negative days", lambda d: d["nodes"][0]["choices"][0].update(days=-1)),
        change("empty nodes", lambda d: d.update(nodes=[])),
        change("bad speculative", lambda d: d["outcomes"][0].update(speculative="maybe")),
        change("list for text", lambda d: d["meta"].update(summary=["a", "b"])),
    ]


@pytest.mark.parametrize("path", [TINY, MUNICH, TUTORIAL_TABLE, *TUTORIAL], ids=lambda p: p.name)
def test_valid_files_pass_both(path) -> None:
    text = path.read_text(encoding="utf-8")
    assert _validator_ok(text) and _schema_ok(text)


@pytest.mark.parametrize(("name", "text"), _mutations(), ids=lambda v: v if len(v) < 30 else "")
def test_invalid_shapes_fail_both(name, text) -> None:
    assert not _validator_ok(text), name
    assert not _schema_ok(text), name
