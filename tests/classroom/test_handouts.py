"""The classroom pack: every page written, each role sheet holding its own private data and none of
any other role's, the background dated and sourced, debrief questions for every ending."""

from __future__ import annotations

import html
import re
from pathlib import Path

import pytest

from game.classroom.condition_words import condition_words
from game.classroom.handouts import build_pack
from game.classroom.handouts_html import NO_MAP, TEACHER_SOURCES, group_file, pack_pages, reasons_file, role_file
from game.classroom.role_sheets import OPENING_ON_BACKGROUND
from game.cli import main
from game.engine import Scenario, validate_file
from game.engine.history import played_history
from game.engine.narrate import may_know
from game.paths import ROOT, SCENARIOS

FLAGSHIP = SCENARIOS / "moscow-1939.yaml"
TABLE = ROOT / "tests" / "fixtures" / "table.yaml"
FORMAT_1 = [SCENARIOS / "archive" / "moscow-1939-v1.yaml", ROOT / "tests" / "fixtures" / "tiny.yaml"]


def load(path: Path) -> Scenario:
    scenario, findings = validate_file(str(path))
    assert scenario is not None, [f.format() for f in findings]
    return scenario


def plain(page: str) -> str:
    """A page's words as a reader sees them: tags and styles removed, entities read, spaces collapsed."""
    page = re.sub(r"<style>.*?</style>", " ", page, flags=re.S)
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", page)).split())


def words(text: str) -> str:
    return " ".join(text.split())


def private_strings(scenario: Scenario, owner: str, reader: str) -> list[str]:
    """Everything private to ``owner`` that ``reader`` may not know: briefing paragraphs, objectives
    kept secret, bonuses, knowledge and narration known to others, private measures' labels."""
    actor = scenario.actors[owner]
    out = [words(p.text) for p in actor.briefing_parts if p.text and not may_know(p.known_to, reader)]
    out += [words(p) for p in actor.briefing.split("\n\n") if p.strip()] if not actor.briefing_parts else []
    out += [words(p.text) for p in actor.briefing_parts if not p.known_to and p.text]
    out += [words(o.text) for o in actor.objectives if o.secret]
    out += [words(b.text) for b in actor.valuation.bonuses]
    out += [words(k.text) for k in scenario.knowledge if k.known_to and not may_know(k.known_to, reader)]
    for node in scenario.nodes.values():
        out += [words(p.text) for p in node.text_parts if p.known_to and not may_know(p.known_to, reader)]
    out += [v.label for v in scenario.variables.values() if v.known_to and reader not in v.known_to]
    return [s for s in out if s]


@pytest.fixture(scope="module", params=[FLAGSHIP, TABLE], ids=["flagship", "table"])
def pack_of(request: pytest.FixtureRequest) -> tuple[Scenario, dict[str, str]]:
    scenario = load(request.param)
    return scenario, pack_pages(build_pack(scenario), "")


def _values_section(page: str) -> str:
    found = re.search(r'<section class="values".*?</section>', page, flags=re.S)
    return found.group(0) if found else ""


def test_each_role_sheet_has_its_own_private_data(pack_of: tuple[Scenario, dict[str, str]]) -> None:
    scenario, pages = pack_of
    for actor in scenario.actors.values():
        text = plain(pages[role_file(actor.id)])
        assert words(actor.description) in text
        for part in actor.briefing_parts or ():
            if may_know(part.known_to, actor.id):
                assert words(part.text) in text, part.text
        for objective in actor.objectives:
            assert words(objective.text) in text
        for line in scenario.knowledge:
            if may_know(line.known_to, actor.id):
                assert words(line.text) in text
        if actor.valuation.points:
            section = _values_section(pages[role_file(actor.id)])
            assert f'data-actor="{actor.id}"' in section
            for issue_id in actor.valuation.points:
                assert html.escape(scenario.issues[issue_id].title, quote=True) in section


def test_confidential_values_say_they_are_the_designers_rule(pack_of: tuple[Scenario, dict[str, str]]) -> None:
    """The points and walk-aways are a device of the game: the sheet must not pass them off as history."""
    scenario, pages = pack_of
    for actor in scenario.actors.values():
        section = plain(_values_section(pages[role_file(actor.id)]))
        if section:
            assert "designer's rule" in section and "no historical record gives them" in section, actor.id


def test_no_role_sheet_holds_another_roles_private_data(pack_of: tuple[Scenario, dict[str, str]]) -> None:
    scenario, pages = pack_of
    checked = 0
    readers = [(reader, name(reader)) for reader in scenario.actors for name in (role_file, group_file)]
    for reader, file in readers:  # each sheet alone, and in its group's print job with the worksheet
        page = pages[file]
        text = plain(page)
        for owner in scenario.actors:
            if owner == reader:
                continue
            for secret in private_strings(scenario, owner, reader):
                assert secret not in text, f"{file} shows {owner}'s private {secret!r}"
                checked += 1
            theirs = _values_section(pages[role_file(owner)])
            if theirs:
                assert theirs not in page and f'data-actor="{owner}"' not in page
    assert checked > len(scenario.actors)  # the check had something to find


def test_hidden_draws_are_never_evaluated() -> None:
    """The Kremlin reads both paragraphs that depend on how serious Moscow is, each with its
    condition, and the number itself only as a range per reading; the Soviet delegation, whose
    walk-away reads it, sees no start value."""
    scenario = load(FLAGSHIP)
    pack = build_pack(scenario)
    kremlin = next(r for r in pack.roles if r.actor == "kremlin")
    conditional = [p for p in kremlin.briefing if p.when]
    assert len(conditional) == 2 and all("How serious Moscow is" in p.when for p in conditional)
    measure = next(m for m in kremlin.measures if m.label == "How serious Moscow is")
    assert "drawn in secret" in measure.start and "6 to 10" in measure.start
    ussr = next(r for r in pack.roles if r.actor == "ussr")
    assert ussr.walk_away is not None and ussr.walk_away.start is None and ussr.walk_away.hidden
    others = [m.label for r in pack.roles if r.actor != "kremlin" for m in r.measures]
    assert "How serious Moscow is" not in others


def test_background_is_dated_and_sourced() -> None:
    scenario = load(FLAGSHIP)
    page = pack_pages(build_pack(scenario), "")["background.html"]
    text = plain(page)
    for day in ("10 Aug", "15 Aug", "18 Aug", "21 Aug", "23 Aug"):
        assert day in text
    cited = set(re.findall(r'href="#source-(\d+)"', page))
    listed = set(re.findall(r'id="source-(\d+)"', page))
    assert cited and cited <= listed
    assert words(scenario.sources["telegraph2008"].citation) in text
    assert "How it ended: The Nazi-Soviet Pact (23 August 1939)" in text
    assert "<svg" in page
    assert "Drax speaks of 16 divisions" in text  # a historical step, in the scenario's words
    assert "Ribbentrop is expected in Moscow on the 23rd." not in text  # known to three roles only


def test_the_timeline_is_the_record_and_names_who_acted() -> None:
    page = pack_pages(build_pack(load(FLAGSHIP)), "")["background.html"]
    text = plain(page)
    assert "The British government: Go slowly: no powers to sign, no figures" in text
    assert "The Polish government: Refuse: the Red Army is of no military value" in text
    assert "Soviet delegation proposes" in text  # a move at the table already names who made it
    assert "As history records." not in text  # the game's stand-in for a move with no recorded words
    assert "the narration hints at it" not in text  # a signal the game draws is not history
    assert "(ends the game)" not in text
    # the session of 15 August ends without agreement, and play goes on: the talks are adjourned
    fifteenth = text[text.index("15 Aug") : text.index("17 Aug")]
    assert "the talks are adjourned" in fifteenth and "The talks end without agreement" not in text


def test_the_background_timeline_gives_the_soviet_figures_of_15_august() -> None:
    """telegraph2008: the plan's figures, reported as 'a million troops', belong on everyone's timeline."""
    page = plain(pack_pages(build_pack(load(FLAGSHIP)), "")["background.html"])
    fifteenth = page.split("15 Aug 1939", 1)[1][:1500]
    assert "120 infantry" in fifteenth and "a million troops" in fifteenth


def test_the_ending_starts_a_new_printed_page_and_what_followed_is_told() -> None:
    page = pack_pages(build_pack(load(FLAGSHIP)), "")["background.html"]
    before, after = page.split('<section class="after-play"', 1)
    assert "What really happened" not in plain(before) and "The Nazi-Soviet Pact" not in plain(before)
    assert re.search(r"@media print \{[^@]*\.after-play \{ break-before: page", page)
    told = plain(after)
    assert "What followed" in told and "17 September" in told  # the debrief asks about it
    assert "How it ended: The Nazi-Soviet Pact (23 August 1939)" in told


def test_the_students_sources_are_a_citation_list() -> None:
    scenario = load(FLAGSHIP)
    pack = build_pack(scenario)
    page = plain(pack_pages(pack, "")["sources.html"])
    for number, source in enumerate(scenario.sources.values(), 1):
        assert words(source.citation) in page
        if source.note:
            assert words(source.note) in page
        assert pack.sources[number - 1].number == number
    # nothing of the historical path, the ending or the game's machinery
    assert "Send Beaufre to Warsaw" not in page and "Nazi-Soviet Pact" not in page.replace("Nazi-Soviet Pact?", "")
    for label in ("Ending:", "Measure:", "Rule:", "Issue:", "Reading:"):
        assert label not in page


def test_the_teachers_sources_page_says_what_the_game_takes_for_after_play() -> None:
    scenario = load(FLAGSHIP)
    pack = build_pack(scenario)
    page = plain(pack_pages(pack, "")[TEACHER_SOURCES])
    assert "after play" in page
    telegraph = next(s for s in pack.sources if s.id == "telegraph2008")
    assert telegraph.passages and all(p.text in page for p in telegraph.passages)
    ending = [p for p in telegraph.passages if p.kind == "ending"]
    assert ending and ending[0].text != ending[0].where  # the ending's words, not its title twice
    assert "The Nazi-Soviet Pact. The Nazi-Soviet Pact" not in page
    private = [words(k.text) for k in scenario.knowledge if k.known_to]
    assert not any(p in page for p in private)


def test_the_teachers_sources_page_lists_only_historical_scenes_as_the_historical_path() -> None:
    """Scenes only a departure reaches (a convention initialled, Warsaw and the convention, Stalin's
    signature) have their own heading: they are not the historical path."""
    from game.engine.history import played_history

    scenario = load(FLAGSHIP)
    pack = build_pack(scenario)
    visited = {m.node for m in played_history(scenario).moves} | {scenario.start_node}
    branches = {n.title for n in scenario.nodes.values() if n.id not in visited}
    assert {"Warsaw and the convention", "Stalin's signature", "Bucharest's answer"} <= branches
    listed = [(p.kind, p.where) for source in pack.sources for p in source.passages]
    for title in branches:
        kinds = {kind for kind, where in listed if title in where}
        assert kinds and kinds <= {"branch"}, (title, kinds)
    for node in scenario.nodes.values():
        if node.id in visited:
            assert not any(kind == "branch" and node.title in where for kind, where in listed), node.title
    page = pack_pages(pack, "")[TEACHER_SOURCES]
    blocks = re.findall(r'<p class="label">The historical path</p><ul class="passages">(.*?)</ul>', page, flags=re.S)
    assert blocks
    assert not any(title in plain(block) for block in blocks for title in branches)
    assert "Branches the game imagines, off the historical path" in plain(page)


def test_debrief_has_questions_for_every_ending(pack_of: tuple[Scenario, dict[str, str]]) -> None:
    scenario, pages = pack_of
    page = pages["debrief.html"]
    text = plain(page)
    for outcome in scenario.outcomes.values():
        section = re.search(rf'<section class="ending" id="ending-{outcome.id}">.*?</section>', page, flags=re.S)
        assert section is not None and words(outcome.title) in plain(section.group(0))
        assert section.group(0).count("<li>") >= 2
        for question in outcome.debrief_questions:
            assert question in text


def test_every_flagship_ending_has_authored_questions() -> None:
    scenario = load(FLAGSHIP)
    assert all(len(o.debrief_questions) >= 3 for o in scenario.outcomes.values())
    assert any(
        "the real Beck" in q and "assume about Beck" in q
        for q in scenario.outcomes["convention_with_poland"].debrief_questions
    )


@pytest.mark.parametrize("path", FORMAT_1, ids=lambda p: p.name)
def test_format_1_scenarios_make_a_pack(path: Path) -> None:
    scenario = load(path)
    assert scenario.format == 1
    pages = pack_pages(build_pack(scenario), "")
    for actor in scenario.actors.values():
        assert words(actor.briefing.split("\n\n")[0]) in plain(pages[role_file(actor.id)])
        assert reasons_file(actor.id) in pages
    assert len(re.findall(r'<section class="ending"', pages["debrief.html"])) == len(scenario.outcomes)


def test_pages_need_no_network(pack_of: tuple[Scenario, dict[str, str]]) -> None:
    _, pages = pack_of
    for name, page in pages.items():
        assert "<script" not in page and "<link" not in page and "@import" not in page, name
        assert not re.search(r'src="https?:', page), name
        assert "@media print" in page


def test_a_scenario_off_the_map_says_so() -> None:
    page = pack_pages(build_pack(load(TABLE)), "")["background.html"]
    assert "<svg" not in page and html.escape(NO_MAP, quote=True) in page


def test_the_command_writes_every_page(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "pack"
    assert main(["handouts", "moscow-1939", "-o", str(out)]) == 0
    scenario = load(FLAGSHIP)
    expected = {"index.html", "background.html", "sources.html", TEACHER_SOURCES, "rubric.html", "debrief.html"}
    expected |= {role_file(a) for a in scenario.actors} | {reasons_file(a) for a in scenario.actors}
    expected |= {group_file(a) for a in scenario.actors}
    assert {p.name for p in out.iterdir()} == expected
    index = (out / "index.html").read_text(encoding="utf-8")
    assert all(f'href="{name}"' in index for name in expected - {"index.html"})
    assert "made the folder" in capsys.readouterr().out


def test_the_command_refuses_a_folder_with_files(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "pack"
    out.mkdir()
    (out / "notes.txt").write_text("mine", encoding="utf-8")
    assert main(["handouts", str(TABLE), "-o", str(out)]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "--force" in err
    assert [p.name for p in out.iterdir()] == ["notes.txt"]
    assert main(["handouts", str(TABLE), "-o", str(out), "--force"]) == 0
    assert (out / "notes.txt").read_text(encoding="utf-8") == "mine" and (out / "role-red.html").is_file()


@pytest.mark.parametrize(
    "args, message",
    [
        (["no-such-scenario"], "no scenario is called 'no-such-scenario'"),
        (["moscow1939"], "Did you mean moscow_1939 (moscow-1939.yaml)?"),
        ([str(TABLE)], "does not exist; make it first"),
    ],
)
def test_the_command_explains_bad_input(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], args: list[str], message: str
) -> None:
    out = tmp_path / "missing" / "pack"
    assert main(["handouts", *args, "-o", str(out)]) == 1
    err = capsys.readouterr().err
    assert message in err and err.startswith("parley: error:") and err.count("\n") == 1
    assert not (tmp_path / "missing").exists()


def test_the_command_refuses_a_file_as_folder(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / "pack.html"
    target.write_text("x", encoding="utf-8")
    assert main(["handouts", str(TABLE), "-o", str(target)]) == 1
    assert "is not a folder" in capsys.readouterr().err and target.read_text(encoding="utf-8") == "x"


@pytest.mark.parametrize(
    "condition, reads",
    [
        ("outcome == 'pact'", "the game ends in «The Nazi-Soviet Pact»"),
        ("outcome != 'soviet_walkout'", "the game does not end in «Moscow walks out»"),
        (
            "outcome in ['convention_with_poland', 'pact', 'double_game']",
            "the game ends in «A military convention, with Polish consent», «The Nazi-Soviet Pact» or «Two treaties "
            "on the table»",
        ),
        (
            "outcome not in ['pact', 'double_game']",
            "the game does not end in «The Nazi-Soviet Pact» or «Two treaties on the table»",
        ),
        ("beaufre_sent", "«Beaufre in Warsaw» holds"),
        ("not ribbentrop_invited", "«Ribbentrop invited» does not hold"),
        ("ribbentrop_invited == false", "«Ribbentrop invited» does not hold"),
        # an option named as the measure's description names it, not by its id
        ("drax_powers == 'sign'", "«Drax's written powers» is «powers to sign»"),
        ("drax_powers != 'sign'", "«Drax's written powers» is anything but «powers to sign»"),
        ("polish_consent in ['refused', 'formula']", "«Polish consent to passage» is «refused» or «a vague formula»"),
        (
            "polish_consent not in ['refused', 'formula']",
            "«Polish consent to passage» is neither «refused» nor «a vague formula»",
        ),
        ("london_line == 'answer_offer'", "«London's line» is «answer offer»"),  # no phrase per option: the id
        (
            "passage == 'corridors'",
            "the deal settles «Passage for the Red Army» as «The Vilna corridor, Galicia and Romania»",
        ),
        (
            "indirect != 'soviet_definition'",
            "the deal does not settle «Indirect aggression and the Baltic states» as «The Soviet definition»",
        ),
        ("soviet_resolve <= 4", "«How serious Moscow is» is 4 or less"),
        ("soviet_resolve > 4", "«How serious Moscow is» is more than 4"),
        (
            "warsaw_pressure >= 2 and west_answered",
            "«Western pressure on Warsaw» is 2 or more, and «The West has answered the offer» holds",
        ),
        # "not A or B" is an exception to A: "A, unless B"
        (
            "outcome != 'convention_on_paper' or drax_powers == 'sign'",
            "the game does not end in «A convention on paper», unless «Drax's written powers» is «powers to sign»",
        ),
        ("west_answered or paris_powers", "«The West has answered the offer» holds, or «Doumenc may sign» holds"),
        # a form no sentence fits is read word for word, every name as its label
        ("warsaw_pressure + 1 >= 3", "«Western pressure on Warsaw» + 1 ≥ 3"),
    ],
)
def test_conditions_read_in_words(condition: str, reads: str) -> None:
    assert condition_words(load(FLAGSHIP), condition) == reads


def test_general_questions_say_how_speculative_in_words() -> None:
    pack = build_pack(load(FLAGSHIP))
    walkout = next(end for end in pack.endings if end.id == "soviet_walkout")
    assert "it is fairly speculative" in walkout.general[0]
    pact = next(end for end in pack.endings if end.id == "pact")
    assert "ended as history did" in pact.general[0]
    assert "an objective of the Kremlin and the German government. Did they work together" in pact.general[1]
    # an ending most delegations want is not asked as "did they work together?"
    consent = next(end for end in pack.endings if end.id == "convention_with_poland")
    assert "7 of the 8 delegations had this ending among their objectives" in consent.general[1]


def test_a_walk_away_that_reads_a_hidden_draw_shows_its_range() -> None:
    """The Soviet walk-away reads how serious Moscow is: the sheet gives the range over the draw under
    the reading, says the Kremlin knows more, and never names the Kremlin's private measure."""
    scenario = load(FLAGSHIP)
    pages = {lens: pack_pages(build_pack(scenario, lens), "")[role_file("ussr")] for lens in scenario.lenses}
    serious = plain(pages["serious"])
    assert re.search(r"At the start 0 to \+4 .*the Kremlin knows more", serious)
    assert "At the start +10 to +14" in plain(pages["stalling"])  # the other reading draws lower
    assert "How serious Moscow is" not in serious


def test_the_lens_sets_the_numbers_and_the_sheet_names_it(tmp_path: Path) -> None:
    """Drax's walk-away reads Berlin's approach, which the readings start at different values."""
    scenario = load(FLAGSHIP)
    walks = {lens: build_pack(scenario, lens).roles for lens in scenario.lenses}
    drax = {lens: next(r for r in roles if r.actor == "britain").walk_away for lens, roles in walks.items()}
    assert drax["serious"] is not None and drax["stalling"] is not None
    assert drax["serious"].start != drax["stalling"].start
    out = tmp_path / "pack"
    assert main(["handouts", "moscow-1939", "-o", str(out), "--lens", "stalling"]) == 0
    sheet = plain((out / role_file("britain")).read_text(encoding="utf-8"))
    assert f"At the start {drax['stalling'].start:+d}" in sheet
    assert "the reading your teacher chose of the evidence, «Moscow was not serious (Watt)»" in sheet
    default = plain(pack_pages(build_pack(scenario), "")[role_file("britain")])
    assert f"At the start {drax['serious'].start:+d}" in default and "the default reading" in default


def test_an_unknown_lens_is_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "pack"
    assert main(["handouts", "moscow-1939", "-o", str(out), "--lens", "nope"]) == 1
    err = capsys.readouterr().err
    assert "no lens 'nope'" in err and "serious, stalling" in err and not out.exists()


def test_each_role_sheet_says_how_its_turns_work() -> None:
    pages = pack_pages(build_pack(load(FLAGSHIP)), "")
    drax = plain(pages[role_file("britain")])
    assert "How your turn works" in drax
    for move in ("propose", "accept", "reject", "counter", "walk away"):
        assert move in drax
    assert "Drax may talk, not sign." in drax  # the rule that binds this role at the table
    assert "Secret choice" not in drax  # the mission has none
    warsaw = plain(pages[role_file("poland")])
    assert "Secret choice." in warsaw and "Decision." in warsaw and "At the table." not in warsaw
    assert "Confidential: for the Polish government only." in warsaw
    kremlin = plain(pages[role_file("kremlin")])
    assert "What only you" in kremlin and "perhaps an ally" not in kremlin


def test_the_reasons_worksheet_has_room_to_think() -> None:
    scenario = load(FLAGSHIP)
    pages = pack_pages(build_pack(scenario), "")
    drax, warsaw = pages[reasons_file("britain")], pages[reasons_file("poland")]
    for page in (drax, warsaw):
        text = plain(page)
        assert "Our aim in one sentence" in text and "On your own" in text and "Exit ticket" in text
        assert all(words(lens.name) in text for lens in scenario.lenses.values())  # the readings to weigh
        assert page.count('class="write lines"') >= 4
    sittings = len([d for d in build_pack(scenario).roles[3].decisions if d.kind == "negotiation"])
    assert drax.count('<table class="offers">') == sittings == 2  # a table of offers per sitting
    assert drax.count("<tr><td>&nbsp;</td>") == 4 * sittings
    assert '<table class="offers">' not in warsaw  # Warsaw never sits at the table
    assert re.search(r"\.write\.lines \{ min-height: 8\.5rem", drax)


def test_the_background_tells_the_road_to_the_crisis_for_everyone(pack_of: tuple[Scenario, dict[str, str]]) -> None:
    scenario, pages = pack_of
    text = plain(pages["background.html"])
    first = scenario.nodes[scenario.start_node]
    assert "How it begins" in text and f"How it begins: {first.title}" not in text  # not "How it begins: Instructions"
    assert "the game's first scene" in text
    for part in first.text_parts:
        if part.text and not part.known_to and not part.condition_text:
            assert words(part.text) in words(text)
    for reader in scenario.actors:  # nothing one delegation alone may know
        for owner in scenario.actors:
            if owner != reader:
                for secret in private_strings(scenario, owner, reader):
                    assert secret not in words(text), (owner, secret)
    if scenario.id == "moscow_1939":
        assert "1920" in text and "purged the Red Army" in words(text)


def test_role_sheets_send_to_the_background_for_the_opening_and_keep_their_own_paragraphs() -> None:
    """The opening everyone reads on the background is not printed again under a role's first date;
    what only that role reads of the first scene stays."""
    scenario = load(FLAGSHIP)
    pages = pack_pages(build_pack(scenario), "")
    first = scenario.nodes[scenario.start_node]
    public = [words(p.text) for p in first.text_parts if p.text and not p.known_to and not p.condition_text]
    assert public
    for actor in scenario.actors:
        text = plain(pages[role_file(actor)])
        assert not any(p in text for p in public), actor
        own = [p for p in first.text_parts if p.text and p.known_to and actor in p.known_to and not p.condition_text]
        assert all(words(p.text) in text for p in own), actor
        if first.seat(actor) is not None or first.actor == actor:
            assert OPENING_ON_BACKGROUND in text


def test_the_guide_gives_the_lengths_the_pack_has() -> None:
    """Reading times in the guide follow the pages: every role sheet within the word range it gives,
    the background's first part near the figure it gives (the timeline may grow it a little)."""
    scenario = load(FLAGSHIP)
    pages = pack_pages(build_pack(scenario), "")
    guide = " ".join((ROOT / "docs" / "teaching.md").read_text(encoding="utf-8").split())
    found = re.search(r"A role sheet is 3–5 printed pages \(([\d,]+)–([\d,]+) words", guide)
    assert found
    low, high = (int(n.replace(",", "")) for n in found.groups())
    for actor in scenario.actors:
        assert low <= len(plain(pages[role_file(actor)]).split()) <= high, actor
    background = pages["background.html"]
    first_part = len(plain(background[: background.index('id="what-really-happened"')]).split())
    stated = re.search(r"background's first part \(about ([\d,]+) words", guide)
    assert stated and abs(first_part - int(stated.group(1).replace(",", ""))) <= 0.3 * first_part


def test_pages_print_on_the_paper_the_teacher_chooses(pack_of: tuple[Scenario, dict[str, str]]) -> None:
    """The index says A4 or Letter: no page forces a paper size."""
    _, pages = pack_of
    assert "A4 or Letter" in pages["index.html"]
    for name, page in pages.items():
        rule = re.search(r"@page \{[^}]*\}", page)
        assert rule and "size" not in rule.group(0), name


def test_an_invented_case_is_not_told_as_what_really_happened() -> None:
    tutorial = load(SCENARIOS / "tutorial-negotiation.yaml")
    assert tutorial.invented
    pages = pack_pages(build_pack(tutorial), "")
    for name in ("background.html", "index.html", "debrief.html"):
        text = plain(pages[name])
        assert "really" not in text and "in reality" not in text and "as history did" not in text, name
    assert "As the case is written" in plain(pages["background.html"])
    flagship = pack_pages(build_pack(load(FLAGSHIP)), "")
    assert "What really happened" in plain(flagship["background.html"])


def test_a_role_away_from_the_table_is_told_why_it_has_no_values() -> None:
    scenario = load(FLAGSHIP)
    pages = pack_pages(build_pack(scenario), "")
    for actor in scenario.actors.values():
        text = plain(pages[role_file(actor.id)])
        away = actor.seat != "table" and not actor.valuation.points and actor.valuation.walk_away is None
        assert ("None: you do not sit at the table" in text) == away, actor.id
    assert "None: you do not sit at the table" in plain(pages[role_file("poland")])


def test_moments_only_some_games_reach_are_marked_on_sheet_and_worksheet() -> None:
    scenario = load(FLAGSHIP)
    pack = build_pack(scenario)
    pages = pack_pages(pack, "")
    on_history = {m.node for m in played_history(scenario).moves}
    kremlin = next(s for s in pack.roles if s.actor == "kremlin")
    off = [d for d in kremlin.decisions if not d.on_history]
    assert off and all(
        d.on_history for d in kremlin.decisions if d.title in {scenario.nodes[n].title for n in on_history}
    )
    worksheet = pages[reasons_file("kremlin")]
    for d in kremlin.decisions:
        head = re.search(rf"<h3>{d.date.day} {d.date:%B} · {re.escape(html.escape(d.title))} .*?</h3>", worksheet)
        assert head and ("only in some games" in head.group(0)) == (not d.on_history), d.title
    assert plain(pages[role_file("kremlin")]).count("only in some games") >= len(off)


def test_the_map_names_danzig_the_corridor_and_east_prussia() -> None:
    page = pack_pages(build_pack(load(FLAGSHIP)), "")["background.html"]
    svg = re.search(r"<svg.*?</svg>", page, flags=re.S)
    assert svg and all(f">{name}</text>" in svg.group(0) for name in ("Danzig", "Corridor", "East Prussia"))


def test_a_groups_print_job_is_its_sheet_then_its_worksheet_on_a_new_page() -> None:
    pages = pack_pages(build_pack(load(FLAGSHIP)), "")
    bundle = pages[group_file("poland")]
    sheet = plain(pages[role_file("poland")])
    text = plain(bundle)
    body = re.sub(r"^.*?</header>", "", pages[reasons_file("poland")], count=1, flags=re.S)
    assert '<div class="new-page">' in bundle and ".new-page { break-before: page; }" in bundle
    assert text.index("Your briefing") < text.index("Our aim in one sentence")
    assert plain(body)[:200] in text and sheet.split("Your briefing")[1][:200] in text
