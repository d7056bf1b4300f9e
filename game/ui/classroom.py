"""What the window says and writes for a class: the hand-over button, the time-out notice, the
setup's pace choices, the smallest counterfactual in words, and the transcript export.

No pygame here and no rules: who may see which briefing, what a time-out chooses and what a
transcript holds are decided in ``game.classroom`` and ``game.authoring``; this module only puts
their answers into the window's words, so they are tested without a window.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from ..authoring.explore import Departure, smallest_counterfactuals
from ..classroom.handover import Briefing
from ..classroom.markdown_text import transcript_markdown
from ..classroom.pace import COMPUTER, RULE_NAMES, RULES
from ..classroom.transcript import build_transcript
from ..classroom.transcript_html import transcript_html
from ..engine import Game, Scenario
from ..engine.saves import write_atomic
from ..engine.views import ObjectiveLine
from ..engine.wording import long_date, the_actor
from . import background
from .story import actor_name, counted, esc

TIME_LIMITS: tuple[int, ...] = (0, 45, 60, 90, 120, 180, 300)  # seconds per decision the setup offers (0: off)


def time_limit_name(seconds: int) -> str:
    """'Off', '45 seconds', '1 minute', '90 seconds', '2 minutes'... for the setup's button: the lesson
    plans name their clocks the same way."""
    if seconds <= 0:
        return "Off"
    if seconds % 60:
        return counted(seconds, "second")
    return counted(seconds // 60, "minute")


def next_time_limit(seconds: int) -> int:
    """The setup's next choice after ``seconds`` (round the list)."""
    later = [s for s in TIME_LIMITS if s > seconds]
    return later[0] if later else TIME_LIMITS[0]


def rule_button(rule: str) -> str:
    """The rule in a button's few words: 'Computer decides', 'Status quo holds'."""
    words = RULE_NAMES.get(rule or COMPUTER, rule).removeprefix("the ")
    return words[:1].upper() + words[1:]


def next_rule(rule: str) -> str:
    rule = rule or COMPUTER
    return RULES[(RULES.index(rule) + 1) % len(RULES)] if rule in RULES else COMPUTER


def we_are(name: str, briefs: bool = True) -> str:
    """The hand-over button: 'We are the British military mission — show our briefing' (at the
    delegation's first turn; '— continue' at later ones, whose briefing does not open by itself)."""
    return f"We are {the_actor(name)} — " + ("show our briefing" if briefs else "continue")


def timeout_notice(rule: str, label: str, name: str = "") -> str:
    """What the play screen says after a time-out, plainly, and whose time it was."""
    whose = f" for {the_actor(name)}" if name else ""
    return f"Time ran out{whose}: {RULE_NAMES.get(rule or COMPUTER, rule)} — {label}."


def takeover_notice(name: str, date: str) -> str:
    """After 'Take over here' in history replay: what the others do now, truthfully (a computer
    player 'as history' plays history only while the game is on history's path)."""
    return (
        f"You now play {the_actor(name)}, from {date}. The others follow history until the game leaves it; "
        "from then on each plays by its own goals, and chance takes its own course."
    )


def briefings_html(scenario: Scenario, briefings: tuple[Briefing, ...], colours: dict[str, str], muted: str) -> str:
    """Briefings for a message box: each delegation's name in its colour, its public description,
    then its private instructions. ``colours`` maps actor ids to '#rrggbb' (the palette's)."""
    parts = []
    for brief in briefings:
        actor = scenario.actors.get(brief.actor)
        description = actor.description if actor else ""
        if len(briefings) > 1:
            parts.append(f"<font color='{colours.get(brief.actor, muted)}'><b>{esc(brief.name)}</b></font><br>")
        if description:
            gap = "<br>" if len(briefings) > 1 else "<br><br>"
            parts.append(f"<font color='{muted}'>{esc(description)}</font>{gap}")
        parts.append(f"{esc(brief.text) or '<i>No private briefing.</i>'}<br><br>")
    return "".join(parts).removesuffix("<br><br>")


def own_goals_html(knowledge: Sequence[str], objectives: Sequence[ObjectiveLine], muted: str) -> str:
    """Under a delegation's own briefing: what it knows, and the objectives it scores by (points,
    and which ones the others do not know), so a player knows what to aim for from the start."""
    parts = []
    if knowledge:
        parts.append("<br><br><b>What you know</b><br>" + "<br>".join(f"• {esc(line)}" for line in knowledge))
    if objectives:
        lines = []
        for o in objectives:
            worth = f"{o.points} point{'' if abs(o.points) == 1 else 's'}" + (", secret" if o.secret else "")
            lines.append(f"• {esc(o.text)} <font color='{muted}'>({worth})</font>")
        parts.append("<br><br><b>Your objectives</b><br>" + "<br>".join(lines))
    return "".join(parts)


def human_actors(game: Game) -> list[str]:
    return [a for a in game.scenario.actors if game.controller(a) == "human"]


def hot_seat(game: Game) -> bool:
    """More than one delegation is played by people at this one computer."""
    return len(human_actors(game)) > 1


@dataclass(frozen=True)
class DepartureLine:
    """One departure from history, in the words the debrief shows."""

    date: str
    actor: str
    choice: str
    instead: str


@dataclass(frozen=True)
class SmallestChange:
    """The fewest departures from history that reach an ending (``found`` False: not within the
    search budget)."""

    found: bool
    lines: tuple[DepartureLine, ...] = ()

    @property
    def count(self) -> int:
        return len(self.lines)

    @property
    def heading(self) -> str:
        if not self.found:
            return "The smallest change that leads here could not be worked out in time."
        n = self.count
        return f"The smallest change that leads here: {n} departure{'' if n == 1 else 's'} from history"


def describe_departure(scenario: Scenario, departure: Departure) -> DepartureLine:
    who = actor_name(scenario, departure.actor) if departure.actor else "Chance"
    return DepartureLine(long_date(scenario.date_of(departure.day)), who, departure.label, departure.instead_label)


def smallest_change(game: Game) -> SmallestChange | None:
    """For a finished game with a non-historical ending, the smallest counterfactual that reaches
    it; None when there is nothing to say (unfinished, or the ending is history's own). The
    search is slow the first time (cached per scenario by ``game.authoring.explore``): the window
    asks ``smallest_change_later`` instead, so no frame waits for it."""
    outcome = game.outcome
    if not game.ended or outcome is None or outcome.historical:
        return None
    return _change_to(game.scenario, game.settings.lens or None, outcome.id)


def smallest_change_later(game: Game) -> background.Job[SmallestChange | None] | None:
    """``smallest_change(game)`` as work for a worker thread, for the debrief to start once it is on
    screen and poll each frame; None when there is nothing to work out. Asked again for the same
    scenario content, lens and ending, it returns the same job (done, if it has run), so the search
    runs once."""
    outcome = game.outcome
    if not game.ended or outcome is None or outcome.historical:
        return None
    scenario, lens, ending = game.scenario, game.settings.lens or None, outcome.id
    key = ("smallest change", scenario.content_hash or id(scenario), lens, ending)
    return background.job(key, lambda: _change_to(scenario, lens, ending))


def _change_to(scenario: Scenario, lens: str | None, outcome: str) -> SmallestChange | None:
    found = smallest_counterfactuals(scenario, lens)
    if outcome not in found:
        return SmallestChange(False)
    if not found[outcome]:  # history's own ending under this lens
        return None
    return SmallestChange(True, tuple(describe_departure(scenario, d) for d in found[outcome]))


def transcript_paths(folder: Path, scenario_id: str, when: dt.datetime) -> tuple[Path, Path]:
    """Where the debrief writes the transcript: HTML and Markdown side by side in ``folder``."""
    base = f"transcript-{scenario_id}-{when:%Y%m%d-%H%M%S}"
    return folder / f"{base}.html", folder / f"{base}.md"


def export_transcript(game: Game, folder: Path, when: dt.datetime | None = None) -> tuple[Path, Path]:
    """Write the game's transcript as HTML and Markdown; raises OSError when it cannot."""
    html_path, md_path = transcript_paths(folder, game.scenario.id, when or dt.datetime.now())
    transcript = build_transcript(game)
    for path, text in ((html_path, transcript_html(transcript)), (md_path, transcript_markdown(transcript))):
        write_atomic(path, text)
        path.chmod(0o644)  # a page to share, unlike a private save
    return html_path, md_path
