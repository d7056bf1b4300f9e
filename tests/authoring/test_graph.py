"""The tree layout the in-game view reuses, and the PNG, SVG and DOT the ``graph`` command writes."""

from __future__ import annotations

import itertools
import xml.etree.ElementTree as ET

import pytest

from game.authoring.graph import layout, to_dot, to_svg
from game.authoring.synthetic import synthetic_scenario
from game.engine import load_scenario, load_text

from .conftest import MUNICH, MUNICH_V1, TINY, run


@pytest.mark.parametrize("path", [TINY, MUNICH], ids=lambda p: p.name)
def test_layout_places_every_node_and_ending_once(path) -> None:
    scenario = load_scenario(str(path))
    plan = layout(scenario)
    assert set(plan.boxes) == set(scenario.nodes) | set(scenario.outcomes)
    spots = {(b.x, b.y) for b in plan.boxes.values()}
    assert len(spots) == len(plan.boxes)
    assert all(b.kind == "outcome" for b in plan.boxes.values() if b.layer == plan.layers - 1)
    for arrow in plan.arrows:
        source, target = plan.boxes[arrow.source], plan.boxes[arrow.target]
        assert arrow.back == (target.layer <= source.layer)
    assert plan == layout(scenario)  # pure and stable


def test_layout_marks_history_and_colours_by_actor() -> None:
    tiny = load_scenario(str(TINY))
    plan = layout(tiny)
    assert plan.path == ("open", "blue_turn", "luck", "final", "stalemate")
    assert [b.id for b in plan.boxes.values() if b.historical] == list(plan.path)
    assert plan.boxes["open"].colour == "#D55E00" and plan.boxes["luck"].kind == "chance"
    assert {(a.source, a.step) for a in plan.arrows if a.historical} == {
        ("open", "warm"),
        ("blue_turn", "ask_powers"),
        ("luck", "arrives"),
        ("final", "refuse"),
    }
    assert [a.step for a in plan.arrows if a.back] == ["stall"]


def test_svg_is_xml_and_dot_names_every_node() -> None:
    tiny = load_scenario(str(TINY))
    root = ET.fromstring(to_svg(tiny))
    assert root.tag.endswith("svg")
    dot = to_dot(tiny)
    assert dot.startswith('digraph "tiny"') and all(f"  {nid} [" in dot for nid in tiny.nodes)
    assert "Opening\\n1900-01-01" in dot


def test_big_layout_is_fast_enough() -> None:
    scenario, _ = load_text("big.yaml", synthetic_scenario(1500, width=30))
    assert scenario is not None
    plan = layout(scenario)
    assert len(plan.boxes) == 1510


@pytest.mark.parametrize("suffix", [".png", ".svg", ".dot"])
def test_graph_command_writes_each_format(tmp_path, suffix) -> None:
    target = tmp_path / f"tree{suffix}"
    code, _, err = run("graph", str(MUNICH), "-o", str(target))
    assert code == 0, err
    data = target.read_bytes()
    assert data.startswith({".png": b"\x89PNG", ".svg": b"<svg", ".dot": b"digraph"}[suffix])


def test_graph_command_refuses_unknown_format_and_broken_files(tmp_path) -> None:
    assert run("graph", str(TINY), "-o", str(tmp_path / "tree.gif"))[0] == 2
    broken = tmp_path / "broken.yaml"
    broken.write_text("format: 1\nmeta: {}\n")
    code, _, err = run("graph", str(broken), "-o", str(tmp_path / "x.svg"))
    assert code == 1 and "missing the key" in err


@pytest.mark.parametrize("suffix", [".png", ".svg", ".dot"])
def test_graph_command_says_when_it_cannot_write(tmp_path, suffix) -> None:
    """Every format gives the same one-line error, never a traceback, and exits 1."""
    target = tmp_path / "nodir" / f"tree{suffix}"
    code, out, err = run("graph", str(TINY), "-o", str(target))
    assert code == 1 and out == ""
    assert err == f"parley: error: cannot write {target}: no such folder\n"
    folder = tmp_path / f"folder{suffix}"
    folder.mkdir()
    code, _, err = run("graph", str(TINY), "-o", str(folder))
    assert code == 1 and err == f"parley: error: cannot write {folder}: it is a folder\n"


def test_write_png_raises_oserror_not_pygame_error(tmp_path) -> None:
    from game.ui.render.graph_png import write_png

    with pytest.raises(FileNotFoundError):
        write_png(load_scenario(str(TINY)), tmp_path / "nodir" / "tree.png")


def test_png_has_the_frame_size() -> None:
    from game.ui.render.graph_png import draw, frame_for_text, picture_size

    tiny = load_scenario(str(TINY))
    plan = layout(tiny)
    surface = draw(tiny)
    assert surface.get_size() == picture_size(tiny, plan, frame_for_text(plan))


def _generated(nodes: int = 39):  # type: ignore[no-untyped-def]
    scenario, _ = load_text("generated.yaml", synthetic_scenario(nodes, width=6, seed=3, endings=5))
    assert scenario is not None and len(scenario.nodes) == nodes
    return scenario


def _inside(point: tuple[float, float], area: tuple[float, float, float, float]) -> bool:
    x, y = point
    left, top, width, height = area
    return left + 0.5 < x < left + width - 0.5 and top + 0.5 < y < top + height - 0.5


@pytest.mark.parametrize("which", ["flagship", "generated", "munich"])
def test_arrows_run_between_boxes_never_through_one(which) -> None:  # type: ignore[no-untyped-def]
    """Every arrow, sampled every pixel along its way, stays out of every box (its own two boxes
    included: it leaves and enters at their sides)."""
    from game.authoring.graph import box_area, routes
    from game.ui.render.graph_png import frame_for_text

    scenario = {
        "flagship": lambda: load_scenario(str(MUNICH.parent / "moscow-1939.yaml")),
        "generated": _generated,
        "munich": lambda: load_scenario(str(MUNICH)),
    }[which]()
    plan = layout(scenario)
    frame = frame_for_text(plan)
    areas = {b.id: box_area(frame, b) for b in plan.boxes.values()}
    ways = routes(plan, frame)
    assert set(ways) == {(a.source, a.step) for a in plan.arrows}
    for (source, step), points in ways.items():
        for a, b in itertools.pairwise(points):
            assert a[0] == b[0] or a[1] == b[1] or (a, b) == (points[0], points[1]), (source, step)
            steps = max(1, int(max(abs(b[0] - a[0]), abs(b[1] - a[1]))))
            for i in range(steps + 1):
                p = (a[0] + (b[0] - a[0]) * i / steps, a[1] + (b[1] - a[1]) * i / steps)
                crossed = [box for box, area in areas.items() if _inside(p, area)]
                assert not crossed, f"{source}.{step} runs through {crossed} at {p}"


def test_png_titles_are_whole_and_dates_readable() -> None:
    """No title is cut: each wraps in whole words within its box; dates read '16 Aug', not ISO."""
    from game.ui.render.graph_png import PAD, PAGE, frame_for_text, readable_date, title_lines

    scenario = load_scenario(str(MUNICH.parent / "moscow-1939.yaml"))
    plan = layout(scenario)
    frame = frame_for_text(plan)
    for box in plan.boxes.values():
        lines = title_lines(box, frame.box_w - 2 * PAD, PAGE.title)
        assert " ".join(lines) == " ".join(box.title.split())
        assert len(lines) * PAGE.title_line < frame.box_h
    assert readable_date("1939-08-16") == "16 Aug"
    assert readable_date("1939-08-16", long=True) == "16 August 1939"


def test_long_trees_fold_into_bands_that_fit_a_page() -> None:
    """A long tree's layers (the format-1 Munich crisis) fold into bands read top to bottom, so it is
    readable at a glance."""
    from game.authoring.graph import band_width, frame_for

    assert band_width(5) == 5 and band_width(10) == 10 and band_width(35) == 9 and band_width(16) == 8
    scenario = load_scenario(str(MUNICH_V1))
    plan = layout(scenario)
    assert plan.bands == 2 and plan.columns == 8 and plan.layers > plan.columns
    width, height = frame_for(plan).size(plan)
    assert width < 2400 and height < 2400
    for arrow in plan.arrows:
        source, target = plan.boxes[arrow.source], plan.boxes[arrow.target]
        if arrow.wraps:
            assert target.y > source.y and not arrow.back
    assert any(a.wraps for a in plan.arrows)


def test_a_huge_title_or_tree_stays_bounded(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """A 5,000-character title takes a few lines ending in an ellipsis; a tree bigger than the
    largest page is drawn whole but smaller."""
    from dataclasses import replace

    from game.ui.render import graph_png

    scenario = load_scenario(str(MUNICH))
    plan = layout(scenario)
    box = replace(next(iter(plan.boxes.values())), title="word " * 1000)
    lines = graph_png.title_lines(box, 200, 17)
    assert len(lines) == graph_png.MOST_LINES and lines[-1].endswith("…")
    monkeypatch.setattr(graph_png, "LARGEST", 1500)
    surface = graph_png.draw(scenario)
    assert max(surface.get_size()) <= 1500


def test_svg_wraps_titles_whole_and_labels_every_choice() -> None:
    scenario = load_scenario(str(MUNICH.parent / "moscow-1939.yaml"))
    svg = to_svg(scenario)
    root = ET.fromstring(svg)
    texts = [t.text or "" for t in root.iter("{http://www.w3.org/2000/svg}text")]
    joined = " ".join(texts)
    for node in scenario.nodes.values():
        assert " ".join(node.title.split()) in " ".join(joined.split())  # whole, over its lines
    for arrow in layout(scenario).arrows:
        assert arrow.label.split()[0] in joined  # each choice's words stand at its arrow
    assert "what really happened" in joined and "ending (round box)" in joined
    assert "1939-08" not in joined  # dates as people write them
