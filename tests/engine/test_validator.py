"""The validator: one broken file per kind of mistake, each reported at its line with a useful message,
and hostile inputs refused quickly with a clear error instead of a traceback or a hang."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from game.engine import ERROR, WARNING, Finding, ScenarioError, load_scenario, validate_file
from tests.conftest import TINY

SOURCE = TINY.read_text(encoding="utf-8")


def line_of(text: str, fragment: str) -> int:
    """The 1-based line of ``fragment`` in ``text``."""
    return text[: text.index(fragment)].count("\n") + 1


def broken(tmp_path: Path, old: str, new: str) -> tuple[str, list[Finding]]:
    assert old in SOURCE, old
    text = SOURCE.replace(old, new, 1)
    path = tmp_path / "broken.yaml"
    path.write_text(text, encoding="utf-8")
    _, findings = validate_file(str(path))
    return text, findings


# (name, old, new, code, severity, fragment of the message or hint, the text on the reported line)
CASES = [
    (
        "yaml syntax",
        "{id: warm, label: Be warm,",
        "{id: warm, label: [Be warm,",
        "yaml-syntax",
        ERROR,
        "expected ',' or ']'",
        "{id: warm",
    ),
    (
        "wrong type",
        "days: 2, next: luck",
        "days: two, next: luck",
        "wrong-type",
        ERROR,
        "must be a whole number, not 'two'",
        "days: two",
    ),
    (
        "unknown key",
        "    choices:\n      - {id: warm",
        "    choises:\n      - {id: warm",
        "unknown-key",
        ERROR,
        "did you mean 'choices'?",
        "choises:",
    ),
    ("missing key", "    title: Opening\n", "", "missing-key", ERROR, "missing the key 'title'", "- id: open"),
    ("duplicate id", "{id: cold, label", "{id: warm, label", "duplicate-id", ERROR, "used twice", "label: Be cold"),
    (
        "missing node",
        "next: blue_turn, historical",
        "next: blu_turn, historical",
        "unknown-ref",
        ERROR,
        "did you mean 'blue_turn'?",
        "next: blu_turn",
    ),
    (
        "missing actor",
        "    actor: red\n",
        "    actor: green\n",
        "unknown-ref",
        ERROR,
        "no actor has the id 'green'",
        "actor: green",
    ),
    (
        "missing variable in expression",
        '"trust == 0 and warned"',
        '"trust == 0 and warnd"',
        "bad-expression",
        ERROR,
        "did you mean 'warned'?",
        "warnd",
    ),
    (
        "missing source",
        "source: src, set: {trust: 0}",
        "source: scr, set: {trust: 0}",
        "unknown-ref",
        ERROR,
        "no source has the id 'scr'",
        "source: scr",
    ),
    (
        "missing outcome",
        "fallback_outcome: stalemate",
        "fallback_outcome: stalmate",
        "unknown-ref",
        ERROR,
        "did you mean 'stalemate'?",
        "fallback_outcome: stalmate",
    ),
    (
        "missing constraint",
        "constraints: [no_powers], next: treaty}",
        "constraints: [no_power], next: treaty}",
        "unknown-ref",
        ERROR,
        "no constraint has the id 'no_power'",
        "no_power]",
    ),
    (
        "value out of bounds",
        "initial: 2, label: Trust",
        "initial: 9, label: Trust",
        "out-of-range",
        ERROR,
        "9 is outside trust's bounds 0..5",
        "initial: 9",
    ),
    (
        "lens value out of bounds",
        "set: {trust: 0}",
        "set: {trust: 7}",
        "out-of-range",
        ERROR,
        "outside trust's bounds",
        "trust: 7",
    ),
    (
        "enum value in expression",
        "unless: \"powers == 'sign'\"",
        "unless: \"powers == 'sing'\"",
        "bad-expression",
        ERROR,
        "did you mean 'sign'?",
        "'sing'",
    ),
    (
        "duplicate key",
        "    title: Opening\n",
        "    title: Opening\n    title: Again\n",
        "duplicate-key",
        ERROR,
        "appears twice",
        "title: Again",
    ),
    (
        "yaml 1.1 boolean",
        "values: [talk, sign]",
        "values: [talk, sign, off]",
        "yaml11-bool",
        WARNING,
        "quote it: 'off'",
        "values: [talk, sign, off]",
    ),
    (
        "unquoted colour",
        'colour: "#D55E00"',
        "colour: #D55E00",
        "bad-colour",
        ERROR,
        "quote the colour",
        "colour: #D55E00",
    ),
    ("bad date", "date: 1900-01-05", "date: 1900-13-05", "bad-date", ERROR, "YYYY-MM-DD", "date: 1900-13-05"),
    (
        "unreachable outcome",
        "outcomes:\n",
        "outcomes:\n  - {id: orphan, title: O, epilogue: E, speculative: none}\n",
        "unreachable",
        WARNING,
        "outcome 'orphan' cannot be reached",
        "id: orphan",
    ),
    (
        "unreachable node",
        "events:\n",
        "  - {id: island, date: 1900-01-02, actor: red, title: I, text: T, choices: "
        "[{id: go, label: Go, next: treaty}]}\nevents:\n",
        "unreachable",
        WARNING,
        "node 'island' cannot be reached",
        "id: island",
    ),
    (
        "loop without time",
        "      - {id: stall,",
        "      - {id: again, label: Again, next: blue_turn}\n      - {id: stall,",
        "zero-time-loop",
        WARNING,
        "forever",
        "- id: blue_turn",
    ),
    (
        "historical without source",
        "{id: refuse, label: Refuse, next: stalemate, historical: true, source: src}",
        "{id: refuse, label: Refuse, next: stalemate, historical: true}",
        "missing-source",
        ERROR,
        "needs a 'source'",
        "id: refuse",
    ),
    (
        "node and outcome share an id",
        "  - id: final\n",
        "  - id: treaty\n",
        "duplicate-id",
        ERROR,
        "both a node and an outcome",
        "id: treaty",
    ),
    ("decision without actor", "    actor: red\n", "", "missing-key", ERROR, "needs an 'actor'", "- id: open"),
    ("newer format", "format: 1", "format: 3", "format-version", ERROR, "update Parley", "format: 3"),
    (
        "python tag",
        "format: 1",
        "format: !!python/object/apply:os.system ['true']",
        "yaml-tag",
        ERROR,
        "not allowed",
        "format:",
    ),
    (
        "missing lens, none close",
        "default_lens: hopeful",
        "default_lens: zzz",
        "unknown-ref",
        ERROR,
        "the lenses are: hopeful, gloomy",
        "default_lens: zzz",
    ),
    (
        "missing target, none close",
        "next: blue_turn, historical",
        "next: zzz, historical",
        "unknown-ref",
        ERROR,
        "the nodes and outcomes are: blue_turn, final, luck, open, stalemate, treaty, walkout",
        "next: zzz",
    ),
    (
        "enum value typo in a lens",
        "set: {trust: 0}",
        "set: {trust: 0, powers: sgn}",
        "bad-value",
        ERROR,
        "did you mean 'sign'?",
        "powers: sgn",
    ),
    (
        "enum value in capitals in a lens",
        "set: {trust: 0}",
        "set: {trust: 0, powers: SIGN}",
        "bad-value",
        ERROR,
        "did you mean 'sign'?",
        "powers: SIGN",
    ),
    (
        "choice in capitals",
        "seat: offstage",
        "seat: Offstage",
        "bad-value",
        ERROR,
        "did you mean 'offstage'?",
        "seat: Offstage",
    ),
    (
        "yaml 1.1 boolean in a label",
        "label: Be warm,",
        "label: on,",
        "yaml11-bool",
        WARNING,
        "quote it: 'on'",
        "label: on,",
    ),
    (
        "yaml 1.1 boolean in a title",
        "    title: Opening\n",
        "    title: NO\n",
        "yaml11-bool",
        WARNING,
        "Parley reads it as the text 'NO'",
        "title: NO",
    ),
    (
        "number in a title",
        "    title: Opening\n",
        "    title: 1.10\n",
        "yaml11-number",
        WARNING,
        "other YAML tools read 1.10 as the number 1.1",
        "title: 1.10",
    ),
    (
        "octal-looking number in a label",
        "label: Be cold,",
        "label: 007,",
        "yaml11-number",
        WARNING,
        "quote it: '007'",
        "label: 007,",
    ),
    (
        "sexagesimal time in a title",
        "    title: Opening\n",
        "    title: 10:30\n",
        "yaml11-number",
        WARNING,
        "the number 630",
        "title: 10:30",
    ),
]


@pytest.mark.parametrize("name, old, new, code, severity, fragment, on_line", CASES, ids=[c[0] for c in CASES])
def test_each_mistake_is_reported_where_it_is(
    tmp_path: Path, name: str, old: str, new: str, code: str, severity: str, fragment: str, on_line: str | None
) -> None:
    text, findings = broken(tmp_path, old, new)
    matching = [f for f in findings if f.code == code]
    assert matching, f"no {code} finding among: " + "; ".join(f.format() for f in findings)
    finding = matching[0]
    assert finding.severity == severity
    assert fragment in finding.message + " " + finding.hint, finding.format()
    assert finding.file.endswith("broken.yaml")
    assert finding.line > 0 and finding.column > 0
    if on_line is not None:
        assert on_line in text.splitlines()[finding.line - 1], finding.format()
    if severity == ERROR:
        assert not [
            f
            for f in findings
            if f.code == "unknown-ref" and code != "unknown-ref" and f.message.startswith("no variable")
        ], "an error must not cascade into others"


def test_expression_error_column_points_at_the_word(tmp_path: Path) -> None:
    text, findings = broken(tmp_path, '"trust == 0 and warned"', '"trust == 0 and warnd"')
    finding = next(f for f in findings if f.code == "bad-expression")
    line = text.splitlines()[finding.line - 1]
    assert line[finding.column - 1 :].startswith("warnd")


def test_the_fixture_is_valid_without_warnings() -> None:
    scenario, findings = validate_file(str(TINY))
    assert scenario is not None
    assert findings == []


def test_load_scenario_raises_with_every_finding(tmp_path: Path) -> None:
    path = tmp_path / "two.yaml"
    path.write_text(SOURCE.replace("actor: red", "actor: green").replace("days: 2,", "days: x,"), encoding="utf-8")
    with pytest.raises(ScenarioError) as caught:
        load_scenario(str(path))
    assert len([f for f in caught.value.findings if f.severity == ERROR]) >= 2
    assert "two.yaml:" in str(caught.value)


def _alias_bomb() -> str:
    text = 'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]\n'
    names = "abcdefghi"
    for i in range(1, 9):
        text += f"{names[i]}: &{names[i]} [" + ",".join([f"*{names[i - 1]}"] * 9) + "]\n"
    return text


HOSTILE = {
    "binary garbage": (lambda: bytes(range(256)) * 64, "not-text"),
    "empty file": (lambda: b"", "empty"),
    "only comments": (lambda: b"# nothing here\n", "empty"),
    "not UTF-8": (lambda: "title: caf\xe9\n".encode("latin-1"), "not-utf8"),
    "50 MB file": (lambda: b"- " + b"x" * (50 * 1024 * 1024), "file-too-large"),
    "deep nesting": (lambda: b"[" * 100_000 + b"]" * 100_000, "too-deep"),
    "deep mappings": (lambda: "".join(" " * i + "a:\n" for i in range(300)).encode(), "too-deep"),
    "alias bomb": (lambda: _alias_bomb().encode(), "too-many-aliases"),
    "python object tag": (lambda: b"!!python/object/apply:os.system ['echo pwned']\n", "yaml-tag"),
    "local tag": (lambda: b"meta: !thing {id: x}\n", "yaml-tag"),
    "a list, not a mapping": (lambda: b"- a\n- b\n", "wrong-type"),
    "two documents": (lambda: b"a: 1\n---\nb: 2\n", "yaml-syntax"),
    "tabs": (lambda: b"meta:\n\tid: x\n", "yaml-syntax"),
}


@pytest.mark.parametrize("name", list(HOSTILE))
def test_hostile_input_gets_a_clear_error(tmp_path: Path, name: str) -> None:
    make, code = HOSTILE[name]
    path = tmp_path / "hostile.yaml"
    path.write_bytes(make())
    scenario, findings = validate_file(str(path))
    assert scenario is None
    assert findings and findings[0].severity == ERROR
    assert code in {f.code for f in findings}, [f.format() for f in findings]
    assert all(f.file == str(path) and f.message for f in findings)


def test_bomb_inside_a_list_is_bounded(tmp_path: Path) -> None:
    """Aliases that multiply items inside the scenario's own lists stop at the walk budget."""
    names = "abcdefgh"
    lines = ["x0: &a [" + ",".join(["'trust += 1'"] * 30) + "]"]
    for i in range(1, 8):
        lines.append(f"x{i}: &{names[i]} [" + ",".join([f"*{names[i - 1]}"] * 30) + "]")
    text = SOURCE.replace('effects: ["trust += 1"]', "effects: *h")
    path = tmp_path / "bomb.yaml"
    path.write_text("anchors_for_test:\n" + "".join(f"  {line}\n" for line in lines) + text, encoding="utf-8")
    scenario, findings = validate_file(str(path))
    assert scenario is None
    assert findings


def test_missing_file_is_an_error_not_a_crash(tmp_path: Path) -> None:
    _, findings = validate_file(str(tmp_path / "nope.yaml"))
    assert findings[0].code == "file-missing"
    _, findings = validate_file(str(tmp_path))
    assert findings[0].code == "file-unreadable"


def test_reading_never_changes_the_file(tmp_path: Path) -> None:
    path = tmp_path / "x.yaml"
    path.write_bytes(b"\x00\x01garbage")
    before = os.stat(path).st_mtime_ns, path.read_bytes()
    validate_file(str(path))
    assert (os.stat(path).st_mtime_ns, path.read_bytes()) == before


def test_a_position_names_the_item_by_its_id(tmp_path: Path) -> None:
    _, findings = broken(tmp_path, "days: 2, next: luck", "days: two, next: luck")
    wrong = next(f for f in findings if f.code == "wrong-type")
    assert wrong.message.startswith("nodes[blue_turn].choices[ask_powers].days must be"), wrong.format()
    _, findings = broken(tmp_path, "    title: Opening\n", "    title: Opening\n    title: Again\n")
    twice = next(f for f in findings if f.code == "duplicate-key")
    assert "appears twice in nodes[open]" in twice.message, twice.format()
    _, findings = broken(tmp_path, "name: Blue delegation", "name: [Blue, delegation]")
    assert any(f.message.startswith("actors[blue].name must be text") for f in findings), findings


def test_a_position_keeps_the_index_when_the_id_is_missing_or_bad(tmp_path: Path) -> None:
    _, findings = broken(tmp_path, "  - id: blue\n    name: Blue delegation", "  - id: Blue\n    name: [Blue]")
    assert any(f.message.startswith("actors[1].name must be text") for f in findings), findings
    _, findings = broken(tmp_path, "  - id: blue\n    name: Blue delegation", "  - name: [Blue]")
    assert any(f.message.startswith("actors[1].name must be text") for f in findings), findings


def test_enum_value_typo_in_a_lens_gets_a_did_you_mean(tmp_path: Path) -> None:
    """The play-tester's case: ``set: {mood: hgh}`` where mood's values are low and high."""
    mood = "  - {id: mood, type: enum, values: [low, high], initial: low}\n"
    for written in ("hgh", "High", "HIGH"):
        path = tmp_path / "mood.yaml"
        text = SOURCE.replace("variables:\n", "variables:\n" + mood, 1).replace(
            "set: {trust: 0}", f"set: {{trust: 0, mood: {written}}}", 1
        )
        path.write_text(text, encoding="utf-8")
        _, findings = validate_file(str(path))
        bad = [f for f in findings if f.code == "bad-value"]
        assert len(bad) == 1 and bad[0].hint == "did you mean 'high'?", [f.format() for f in findings]
        assert f"{written!r} is not one of mood's values (low, high)" in bad[0].message


@pytest.mark.parametrize("written", ["1939", "2.5", "-3", "'1.10'", '"on"', "'007'", "Opening 1.10", "on the move"])
def test_text_that_other_yaml_tools_read_the_same_is_not_warned_about(tmp_path: Path, written: str) -> None:
    _, findings = broken(tmp_path, "    title: Opening\n", f"    title: {written}\n")
    assert findings == [], [f.format() for f in findings]
    scenario = load_scenario(str(tmp_path / "broken.yaml"))
    assert scenario.nodes["open"].title == written.strip("'\"")


def test_text_warned_about_is_still_read_as_written(tmp_path: Path) -> None:
    for written in ("on", "1.10", "007", "10:30", "+3", ".5", "1_000"):
        _, findings = broken(tmp_path, "    title: Opening\n", f"    title: {written}\n")
        assert [f.code for f in findings] in (["yaml11-bool"], ["yaml11-number"]), (written, findings)
        scenario = load_scenario(str(tmp_path / "broken.yaml"))
        assert scenario.nodes["open"].title == written
