"""``transcript`` and ``report`` on the command line: files written, warnings, exit codes 0/1/2."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from game.cli import main
from game.engine import Game
from game.engine.saves import save_game
from tests.classroom.conftest import scripted
from tests.conftest import TINY


@pytest.fixture
def one_save(tiny, tmp_path: Path) -> Path:  # type: ignore[no-untyped-def]
    return save_game(scripted(tiny), tmp_path / "saves", "group 7")


def test_transcript_html_and_markdown(one_save: Path, tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    assert main(["transcript", str(one_save), "-o", str(tmp_path / "out" / "t.html")]) == 1  # no folder 'out'
    assert "the folder" in capsys.readouterr().err and not (tmp_path / "out").exists()
    (tmp_path / "out").mkdir()
    assert main(["transcript", str(one_save), "-o", str(tmp_path / "out" / "t.html")]) == 0
    assert "5 decisions: 5 by the class, 0 by the computer; ending: Treaty signed" in capsys.readouterr().out
    page = (tmp_path / "out" / "t.html").read_text(encoding="utf-8")
    assert "<!DOCTYPE html>" in page and "We need the authority to sign" in page
    assert main(["transcript", str(one_save), "-o", str(tmp_path / "t.md")]) == 0
    assert (tmp_path / "t.md").read_text(encoding="utf-8").startswith("# A tiny negotiation: transcript")
    capsys.readouterr()
    assert main(["transcript", str(one_save)]) == 0
    assert "## The session" in capsys.readouterr().out


def test_transcript_finds_the_scenario_by_flag(one_save: Path, tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    data = json.loads(one_save.read_text(encoding="utf-8"))
    data["scenario"]["path"] = "/moved/away.yaml"
    one_save.write_text(json.dumps(data), encoding="utf-8")
    assert main(["transcript", str(one_save)]) == 1
    assert "--scenario" in capsys.readouterr().err
    assert main(["transcript", str(one_save), "--scenario", str(TINY)]) == 0


def test_transcript_exit_codes(one_save: Path, tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    assert main(["transcript", str(tmp_path / "missing.json")]) == 1
    assert "there is no save" in capsys.readouterr().err
    assert main(["transcript", str(one_save), "-o", str(tmp_path / "t.pdf")]) == 2
    assert ".html or .md" in capsys.readouterr().err
    with pytest.raises(SystemExit) as stop:
        main(["transcript"])
    assert stop.value.code == 2


def test_report_writes_page_and_chart(tiny, tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    folder = tmp_path / "class"
    for seed in range(6):
        game = Game.new(tiny, seed=seed, controllers={a: "random" for a in tiny.actors})
        game.play_until_human()
        save_game(game, folder, f"team {seed}")
    (folder / "broken.json").write_text("{", encoding="utf-8")
    out = tmp_path / "results" / "class.html"
    assert main(["report", str(folder), "-o", str(out)]) == 0
    captured = capsys.readouterr()
    assert "skipped" in captured.err and "broken.json" in captured.err and "damaged" in captured.err
    assert "6 game(s), 1 skipped" in captured.out
    page = out.read_text(encoding="utf-8")
    assert "<svg" in page and "team 5" in page
    assert (out.parent / "class-outcomes.png").read_bytes()[:4] == b"\x89PNG"
    assert main(["report", str(folder / "team 1.json"), str(folder / "team 2.json"), "-o", str(tmp_path / "c.md")]) == 0
    assert "| team 1 |" in (tmp_path / "c.md").read_text(encoding="utf-8")


def test_report_exit_codes(tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    (tmp_path / "bad.json").write_text("not json", encoding="utf-8")
    assert main(["report", str(tmp_path / "bad.json"), "-o", str(tmp_path / "r.html")]) == 1
    assert "no readable save" in capsys.readouterr().err
    assert main(["report", str(tmp_path / "nowhere")]) == 1
    assert main(["report", str(tmp_path), "-o", str(tmp_path / "r.docx")]) == 2
    with pytest.raises(SystemExit) as stop:
        main(["report"])
    assert stop.value.code == 2
    assert not (tmp_path / "r.html").exists()


def test_report_names_groups_by_file_and_warns_about_copies(tiny, tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    """Each computer's autosave, copied into one folder and renamed per group."""
    folder = tmp_path / "class"
    folder.mkdir()
    for group, seed in (("group1", 1), ("group2", 2)):
        game = Game.new(tiny, seed=seed, controllers={"red": "human"})
        game.choose("leave")
        source = save_game(game, tmp_path / f"computer-{seed}", "autosave")
        (folder / f"{group}.json").write_bytes(source.read_bytes())
    (folder / "group1 again.json").write_bytes((folder / "group1.json").read_bytes())
    out = tmp_path / "class.md"
    assert main(["report", str(folder), "-o", str(out)]) == 0
    captured = capsys.readouterr()
    warnings = [line for line in captured.err.splitlines() if "same game" in line]
    assert len(warnings) == 1 and "group1 again.json" in warnings[0] and "group1.json" in warnings[0]
    assert "2 game(s), 0 skipped, 1 copy counted once" in captured.out
    text = out.read_text(encoding="utf-8")
    assert "| group1 (saved as “autosave”) |" in text and "| group2 (saved as “autosave”) |" in text
    assert "| autosave |" not in text
