"""The outcome chart: one layout, drawn as inline SVG and as a PNG with pygame."""

from __future__ import annotations

import re
from pathlib import Path

from game.classroom.chart import Bar, Chart, layout, svg
from game.ui.render.chart_png import write_png

CHART = Chart(
    "Outcomes <of> 5 games",
    (
        Bar("Treaty & peace", 3, historical=True),
        Bar("Walk-out", 0),
        Bar("A very long ending title that will not fit in the space", 2),
    ),
)


def test_layout_scales_bars_to_the_largest() -> None:
    boxes = layout(CHART, 720).boxes
    assert boxes[1].width == 0 and boxes[0].width > boxes[2].width > 0
    assert boxes[0].width * 2 == boxes[2].width * 3 or abs(boxes[0].width * 2 - boxes[2].width * 3) <= 3
    assert boxes[2].label.endswith("…") and len(boxes[2].label) <= 40


def test_svg_is_inline_and_escaped() -> None:
    image = svg(CHART)
    assert image.startswith("<svg") and "Outcomes &lt;of&gt; 5 games" in image and "Treaty &amp; peace" in image
    assert len(re.findall(r"<rect", image)) == 3 and "href" not in image


def test_png_is_written(tmp_path: Path) -> None:
    path = write_png(CHART, tmp_path / "chart.png")
    assert path.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    import pygame

    image = pygame.image.load(str(path))
    assert image.get_width() == 1440 and image.get_height() == layout(CHART).height * 2


def test_only_render_modules_import_pygame() -> None:
    folder = Path(__file__).resolve().parents[2] / "game" / "classroom"
    for module in folder.glob("*.py"):
        if "import pygame" in module.read_text(encoding="utf-8"):
            assert re.search(r"render|ui|view|display", module.stem), module.name
