"""Installing Parley as a package: every code package is in the wheel, and paths.py sends shipped
data and a player's own files to the right places. (.ci/installed builds and runs the real wheel.)"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from setuptools import find_packages

import game.paths as paths

ROOT = Path(__file__).resolve().parent.parent

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - Python 3.10
    tomllib = pytest.importorskip("tomli")


def test_every_code_package_and_the_shipped_data_are_in_the_wheel() -> None:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["setuptools"]
    listed = set(config["packages"])
    missing = set(find_packages(str(ROOT), include=["game*"])) - listed
    assert not missing, f"add {sorted(missing)} to [tool.setuptools] packages in pyproject.toml"
    assert config["package-dir"] == {"game.data.scenarios": "scenarios", "game.data.assets": "assets"}
    assert {"game.data.scenarios", "game.data.assets"} <= listed


def test_a_checkout_reads_its_own_folders(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("PARLEY_SAVES", raising=False)
    assert paths.IN_CHECKOUT and paths.SCENARIOS == ROOT / "scenarios" and paths.ASSETS == ROOT / "assets"
    assert paths.saves_folder() == ROOT / "saves" and paths.user_scenarios() is None


def test_installed_the_players_scenarios_and_saves_live_in_their_data_folder(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    shipped = tmp_path / "site" / "scenarios"
    shipped.mkdir(parents=True)
    (shipped / "default.txt").write_text("b-shipped.yaml\n", encoding="utf-8")
    (shipped / "b-shipped.yaml").write_text("x", encoding="utf-8")
    own = tmp_path / "data" / "scenarios"
    own.mkdir(parents=True)
    (own / "a-mine.yaml").write_text("x", encoding="utf-8")
    monkeypatch.setattr(paths, "IN_CHECKOUT", False)
    monkeypatch.setattr(paths, "SCENARIOS", shipped)
    monkeypatch.setenv("PARLEY_DATA", str(tmp_path / "data"))
    monkeypatch.delenv("PARLEY_SAVES", raising=False)
    assert paths.saves_folder() == tmp_path / "data" / "saves"
    assert paths.new_scenarios_folder() == own
    assert paths.scenario_files() == [shipped / "b-shipped.yaml", own / "a-mine.yaml"]
    assert paths.default_scenario() == shipped / "b-shipped.yaml"
    assert paths.resolve_scenario("a-mine") == own / "a-mine.yaml"
    assert paths.resolve_scenario("b-shipped.yaml") == shipped / "b-shipped.yaml"
    assert paths.resolve_scenario("nowhere") == Path("nowhere")


def test_the_installed_data_package_is_importable() -> None:
    from importlib import resources

    assert resources.files("game.data").is_dir()
