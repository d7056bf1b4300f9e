"""A class in real browsers: headless Chromium (Debian's) driven by Playwright against a real server.

Three students join two tables, one table plays to the end with an offer and a private message,
a student reloads mid-game and keeps the seat, the teacher pauses, ends the class and gets the report.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from game.net.room import ClassOptions, Room
from game.net.running import BackgroundServer
from game.net.store import ClassStore

from .conftest import TUTORIAL

CHROMIUM = "/usr/bin/chromium"
SHOTS_ENV = "PARLEY_SCREENSHOTS"  # a folder to keep the pages' screenshots in (default: the test's tmp folder)

pytestmark = pytest.mark.skipif(not os.path.exists(CHROMIUM), reason=f"needs Debian's chromium at {CHROMIUM}")

sync_api = pytest.importorskip("playwright.sync_api")
PlaywrightTimeout = sync_api.TimeoutError


@pytest.fixture(scope="module")
def chromium() -> Iterator[object]:
    """One Chromium for the module's tests: starting it is a second or two each time."""
    with sync_api.sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        yield launched
        launched.close()


@pytest.fixture
def browser(chromium: object) -> Iterator[object]:
    """The shared Chromium; every page a test opens is in a context of its own, all closed after it,
    so no test sees another's pages, cookies or storage."""
    yield chromium
    for context in list(chromium.contexts):  # type: ignore[attr-defined]
        context.close()


FAILED: list[str] = []  # every request a page made that the server answered with an error (a missing icon too)

ICON_LOADS = """async () => {
  const link = document.querySelector("link[rel=icon]");
  return Boolean(link) && (await fetch(link.href)).ok;
}"""


def new_page(browser: object, width: int, height: int, storage: dict[str, object] | None = None) -> object:
    """A page in a context of its own (starting with `storage`), noting any request the server failed in FAILED."""
    viewport = {"width": width, "height": height}
    page = browser.new_context(viewport=viewport, storage_state=storage).new_page()  # type: ignore[attr-defined]
    page.on("response", lambda response: FAILED.append(response.url) if response.status >= 400 else None)
    return page


def student(browser: object, served: BackgroundServer, room: Room, name: str, phone: bool = False) -> object:
    page = new_page(browser, 390, 844) if phone else new_page(browser, 1100, 900)
    page.goto(served.address)
    page.get_by_label("Join code").fill(room.row.code)
    page.get_by_label("Your name").fill(name)
    page.get_by_role("button", name="Join").click()
    page.locator("#seat").wait_for(state="visible")
    return page


MARKERS_FIT = """(list) => {
  const items = [...list.children];
  if (!items.length) return true;
  const style = getComputedStyle(items[0]);
  const pen = document.createElement("canvas").getContext("2d");
  pen.font = `${style.fontWeight} ${style.fontSize} ${style.fontFamily}`;
  const numbers = items.map((_, i) => (list.reversed ? items.length - i : i + 1));
  const widest = Math.max(...numbers.map((n) => pen.measureText(`${n}. `).width));
  return items.every((li) => li.getBoundingClientRect().left - list.getBoundingClientRect().left >= widest);
}"""  # every numbered line's marker fits inside its list, not cut off at the card's edge

LEGEND_AND_TOPS = """() => {
  const legend = [...document.querySelectorAll("#turn-body legend")].find((shown) => shown.checkVisibility());
  if (!legend) return null;  // no heading in sight (an answer's counter-offer terms are folded away)
  const top = (part) => document.querySelector(`#turn ${part}`).getBoundingClientRect().top;
  const tops = ["#date", "#narration", "#turn-body"].map(top);
  return { legend: legend.innerText, tops };
}"""  # the choice's heading and the tops of date, narration and choice, read together


def take_turn(page: object) -> bool:
    """Make this seat's move if it has one: propose the shown terms, accept if allowed, else reject;
    choose or seal the first open choice. True if a move was made."""
    body = page.locator("#turn-body")  # type: ignore[attr-defined]
    radios = body.locator("input[type=radio]:not([disabled])")
    try:  # another seat's move may take this turn away between looking and acting: then no move
        if radios.count():
            assert not body.locator("input[type=radio]:checked").count()  # nothing is chosen for the student
            radios.first.check(timeout=2000)
        for name in ("Propose", "Accept", "Reject", "Seal my choice", "Decide"):
            button = body.get_by_role("button", name=name, exact=True)
            if button.count() and button.is_enabled(timeout=2000):
                button.click(timeout=2000)
                page.wait_for_timeout(150)  # type: ignore[attr-defined]
                return True
    except PlaywrightTimeout:
        return False
    return False


def ask_before_ending(page: object) -> str:
    """Pick a choice that may end the game and answer the page's question 'no': nothing is sent. Then
    make the first choice instead. The question asked."""
    asked: list[str] = []

    def refuse(dialog: object) -> None:
        asked.append(dialog.message)  # type: ignore[attr-defined]
        dialog.dismiss()  # type: ignore[attr-defined]

    page.once("dialog", refuse)  # type: ignore[attr-defined]
    body = page.locator("#turn-body")  # type: ignore[attr-defined]
    assert not body.locator("input[type=radio]:checked").count()
    page.locator("#choice-close_gates").check()  # type: ignore[attr-defined]
    body.get_by_role("button", name="Seal my choice").click()
    page.wait_for_timeout(200)  # type: ignore[attr-defined]
    assert asked and page.locator("#choice-close_gates").is_checked()  # type: ignore[attr-defined]
    body.locator("input[type=radio]:not([disabled])").first.check()
    body.get_by_role("button", name="Seal my choice").click()
    return asked[0]


def test_a_class_plays_in_browsers(browser: object, served: BackgroundServer, room: Room, tmp_path: Path) -> None:
    shots = Path(os.environ.get(SHOTS_ENV) or tmp_path)
    shots.mkdir(parents=True, exist_ok=True)
    FAILED.clear()
    teacher = new_page(browser, 1280, 900)
    teacher_asked: list[str] = []  # what the dashboard asked before acting; each answered yes

    def agree(dialog: object) -> None:
        teacher_asked.append(dialog.message)  # type: ignore[attr-defined]
        dialog.accept()  # type: ignore[attr-defined]

    teacher.on("dialog", agree)
    teacher.goto(f"{served.address}teacher#{room.row.teacher_token}")
    teacher.get_by_text(room.row.code, exact=True).wait_for()
    # Headless pages never fetch their icon, so fetch it as a browser's tab would: a page's link, and
    # the address a browser tries for a page without one (the report).
    assert teacher.evaluate(ICON_LOADS) and teacher.request.get(f"{served.address}favicon.ico").ok

    ann = student(browser, served, room, "Ann", phone=True)  # table 1, Kestra
    ben = student(browser, served, room, "Ben")  # table 2, Kestra
    cy = student(browser, served, room, "Cy")  # table 1, Dunmore
    assert "Table 1 · Kestra delegation · Ann" in ann.locator("#who").inner_text()
    assert "Table 2" in ben.locator("#who").inner_text()
    assert "gauges" in ann.locator("#briefing").inner_text()  # Kestra's confidential briefing
    assert "gauges" not in cy.locator("#briefing").inner_text()
    own = ann.locator("#objectives").inner_text()  # Kestra's own aims, its secret one too, and no one else's
    assert "Kestra alone keeps the keys" in own and "At least half the summer flow" not in own
    others = ann.locator("#others-aims").inner_text()
    assert "Other delegations' public aims" in others and "Dunmore delegation" in others
    assert "At least half the summer flow" in others and "A seat on a joint board" not in ann.content()
    values = ann.locator("#values").inner_text()  # issues and options by their titles, never their ids
    assert "Summer flow for Dunmore" in values and "Half the flow" in values and "summer_flow" not in values
    teacher.get_by_text("Cy").wait_for()

    # Table 2 waits on a seat nobody holds; the teacher hands its empty seats to the computer.
    teacher.get_by_text("Waiting for Dunmore delegation (no one seated)").wait_for()
    teacher.get_by_role("button", name="Computer takes every empty seat at table 2").click()
    teacher.locator("#table-2").locator("xpath=..").get_by_text("Dunmore delegation: the computer").wait_for()

    # An offer from Dunmore, and a private message from Kestra to Dunmore.
    worth = cy.locator("#package-worth")  # the form starts on Dunmore's best package and adds up as it changes
    assert re.fullmatch(r"This package is worth -?\d+ to you \(without a deal: -?\d+\)\.", worth.inner_text())
    assert cy.get_by_label("Summer flow for Dunmore").input_value() == "two_thirds"  # worth +6 to Dunmore
    best = worth.inner_text()
    cy.get_by_label("Summer flow for Dunmore").select_option("kestra_decides")
    assert worth.inner_text() != best
    # The issue is explained, and the option chosen is said in full with what it means (a phone cuts it).
    assert "How much of the river's summer flow" in cy.locator("#issue-summer_flow-about").inner_text()
    assert cy.locator("#issue-summer_flow-meaning").inner_text() == (
        "No fixed share: Kestra decides: Kestra lets through what it judges it can spare."
    )
    cy.get_by_label("Summer flow for Dunmore").select_option("two_thirds")
    cy.locator("#turn-body").get_by_role("button", name="Propose", exact=True).click()
    ann.locator(".offer").wait_for()
    assert re.search(r"Two thirds of the flow\s+[−-]\d", ann.locator(".offer").inner_text())  # Kestra's own points
    assert "On the table, from Dunmore delegation" in ann.locator(".offer").inner_text()
    # On her phone the answer's buttons come straight after the offer; the counter-offer's terms are folded.
    answer_layout = """() => {
      const top = (selector) => document.querySelector(selector).getBoundingClientRect().top;
      const reject = [...document.querySelectorAll('#turn-body button')].find((b) => b.textContent === 'Reject');
      return { reject: reject.getBoundingClientRect().top, fold: top('#counter-terms'),
               terms: document.querySelector('#issue-summer_flow').checkVisibility() };
    }"""
    folded = ann.evaluate(answer_layout)
    assert folded["reject"] < folded["fold"] and not folded["terms"]
    ann.get_by_text("Make a counter-offer: change the terms").click()
    assert ann.evaluate(answer_layout)["terms"]  # opened, the terms are there to change
    ann.get_by_text("Make a counter-offer: change the terms").click()
    ann.get_by_label("Send to").select_option("dunmore")
    ann.get_by_label("Message", exact=True).fill("Meet us by the sluice after the sitting.")
    ann.get_by_role("button", name="Send").click()
    cy.get_by_text("Meet us by the sluice after the sitting.").wait_for()
    assert "(private)" in cy.locator("#messages").inner_text()
    # Cy answers privately in one click; Ann, scrolled to her turn on the phone, is told a note came.
    ann.evaluate("window.scrollTo(0, 0)")
    ann.wait_for_timeout(200)
    cy.get_by_role("button", name="Reply privately").click()
    assert cy.get_by_label("Send to").input_value() == "kestra"
    assert cy.evaluate("document.activeElement.id") == "say-text"
    cy.get_by_label("Message", exact=True).fill("Agreed.")
    assert cy.locator("#say-count").inner_text() == "7 of 2000 characters"
    cy.get_by_role("button", name="Send").click()
    ann.locator("#unread").get_by_text("1 new").wait_for()
    assert ann.title().startswith("(1) ")
    ann.locator("#messages").scroll_into_view_if_needed()
    ann.locator("#unread").wait_for(state="hidden")
    assert not ann.title().startswith("(")
    ann.screenshot(path=str(shots / "student-phone.png"), full_page=True)
    assert "sluice" not in ben.locator("#messages").inner_text()
    board = teacher.locator("#tables")
    board.get_by_text("Kestra delegation to Dunmore delegation (private):").wait_for()
    assert "(computer)" not in board.inner_text() and "Ferrand River Commission: the computer" in board.inner_text()
    assert not teacher.get_by_role("button", name="+5 minutes").count()  # this class has no clock

    # The projector shows every table to the room, in large type, and nothing private.
    projector = new_page(browser, 1600, 900)
    projector.goto(f"{served.address}projector#{room.projector_token}")
    projector.get_by_role("heading", name="Table 2", exact=False).wait_for()
    seats = projector.get_by_role("list", name="Who sits at table 1").inner_text()
    assert "Ann" in seats and "Cy" in seats and room.row.code in projector.locator("#code").inner_text()
    assert "sluice" not in projector.content() and "gauges" not in projector.content()
    assert projector.locator("#qr").bounding_box()["width"] < 200  # students have joined: the join card steps back
    projector.screenshot(path=str(shots / "projector.png"))
    assert projector.locator(".log").first.evaluate(MARKERS_FIT)

    # Ben steps out: paused, his seat goes to the computer, and the dashboard, his page and the
    # projector all say so; then the teacher gives it back.
    teacher.get_by_role("button", name="Pause table 2").click()
    teacher.get_by_role("button", name="Hand Kestra delegation at table 2 to the computer").click()
    card_2 = teacher.locator("#table-2").locator("xpath=..")
    card_2.get_by_text("Kestra delegation: the computer (Ben stepped out)").wait_for()
    ben.locator("#handed").get_by_text("The computer is playing your delegation").wait_for()
    assert "played by the computer" in ben.locator("#who").inner_text()
    seats_2 = projector.get_by_role("list", name="Who sits at table 2")
    seats_2.get_by_text("Kestra delegation: the computer").wait_for()
    card_2.get_by_role("button", name="Give Kestra delegation at table 2 back to the students").click()
    ben.locator("#handed").wait_for(state="detached")
    card_2.get_by_role("button", name="Hand Kestra delegation at table 2 to the computer").wait_for()
    teacher.get_by_role("button", name="Resume table 2").click()
    # Ben's laptop lid closes: the dashboard says in words that he has dropped, and that he is back
    # when his page opens again.
    card_2.get_by_text("Ben (connected)").wait_for()
    context = ben.context
    ben.close()
    card_2.get_by_text("Ben (disconnected)").wait_for()
    ben = context.new_page()
    ben.goto(served.address)
    card_2.get_by_text("Ben (connected)").wait_for()

    # The teacher pauses table 1 while Ann is typing her reasons: moves are refused until it resumes,
    # and what she typed is still there when it does.
    ann.locator("#turn-body #reason").fill("The gauges say the river will not wait.")
    ann.locator("#turn-body #reason").focus()
    teacher.get_by_role("button", name="Pause table 1").click()
    ann.get_by_text("The teacher has paused this table.").wait_for()
    teacher.get_by_role("button", name="Resume table 1").click()
    ann.get_by_text("The teacher has paused this table.").wait_for(state="detached")
    assert ann.locator("#turn-body #reason").input_value() == "The gauges say the river will not wait."
    assert ann.evaluate("document.activeElement.id") == "reason"
    teacher.get_by_label("Announcement to every table").fill("Ten minutes left in this sitting.")
    teacher.get_by_role("button", name="Announce").click()
    ann.locator("#announcement").get_by_text("Ten minutes left in this sitting.").wait_for()
    assert ann.locator("#announcement").bounding_box()["y"] < ann.locator("#seat").bounding_box()["y"]
    ann.get_by_role("button", name="Dismiss").click()  # read: out of the way, still among the messages
    assert ann.locator("#announcement").is_hidden()
    assert "Ten minutes left in this sitting." in ann.locator("#messages").inner_text()

    # Ann reloads mid-game and is back in her seat.
    unread_before = ann.title().partition("Parley")[0]  # "(1) " or "": what she has not read yet
    ann.reload()
    ann.locator("#seat").wait_for(state="visible")
    assert ann.title().partition("Parley")[0] == unread_before  # notes she read are not new again
    assert "Table 1 · Kestra delegation" in ann.locator("#who").inner_text()
    assert ann.locator("#join").is_hidden()
    assert "Meet us by the sluice" in ann.locator("#messages").inner_text()  # the notes came on their own: all there

    # Ann rejects the offer; the teacher takes it back, asked first. Ann's page says what was taken
    # back, and no "You rejected" is left above the form she answers again.
    ann.locator("#turn-body").get_by_role("button", name="Reject", exact=True).click()
    ann.locator("#confirm").get_by_text("You rejected the offer.").wait_for()
    teacher.locator("#table-1").locator("xpath=..").get_by_role("button", name="Undo last move").click()
    ann.locator("#announcement").get_by_text("The teacher took back the last move: Kestra delegation").wait_for()
    assert teacher_asked[-1] == "Take back the last move at table 1? Its students are told."
    assert not ann.locator("#confirm").count()
    assert ann.locator("#turn-body").get_by_role("button", name="Reject", exact=True).is_visible()

    legends: set[str] = set()
    confirmed = ""
    asked = ""
    answers: set[str] = set()
    for _ in range(40):
        if ann.locator("#debrief").is_visible() and cy.locator("#debrief").is_visible():
            break
        heading = ann.evaluate(LEGEND_AND_TOPS)  # read at one instant: the next move may redraw the turn
        if heading:  # a choice is headed by its scene, its context above it
            legends.add(heading["legend"])
            assert heading["tops"] == sorted(heading["tops"])
        if not asked and ann.locator("#choice-close_gates").count():  # a secret choice that may end the game
            asked = ask_before_ending(ann)
            continue
        answers.update(ann.locator(".offer").all_inner_texts())
        moved = take_turn(ann)
        if moved and not confirmed:  # the move is confirmed in words and the focus is back on the turn card
            ann.locator("#confirm").wait_for()
            confirmed = ann.locator("#confirm").inner_text()
            assert confirmed.startswith("You ") and ann.evaluate("document.activeElement.id") == "turn-h"
        moved = moved or take_turn(cy)
        if not moved:
            ann.wait_for_timeout(150)
    assert ann.locator("#debrief").is_visible(), "table 1 did not reach its end"
    assert legends and "Choose" not in legends and "" not in legends and confirmed
    assert "“Shut the sluice gates to press Dunmore”" in asked and "may end the game" in asked
    said = " ".join(a.partition("Answers: ")[2] for a in answers)  # answers in words: "rejected", not "reject"
    assert re.search(r"(accepted|rejected|countered)", said) and not re.search(r"\b(accept|reject|counter)\b", said)
    assert ann.locator("#log").evaluate(MARKERS_FIT) and ann.locator("#log li").count() >= 10
    log = ann.locator("#log").inner_text()  # dates in words, and who did what
    assert ann.locator("#log q.said").count() >= 1  # what was said stands apart from the terms
    assert not re.search(r"(proposes|counters) [A-Z]", log)  # "proposes: terms", not run together
    assert re.search(r"\d{1,2} [A-Z][a-z]+ \d{4} · Kestra delegation: ", log) and not re.search(r"\d{4}-\d\d-", log)
    assert not re.search(r"\d{4}-\d\d-", teacher.locator("#tables").inner_text())
    assert "Scores" in cy.locator("#debrief").inner_text()
    hidden = cy.locator("#debrief").inner_text()  # the hidden draw in words, with its range; never its id
    assert re.search(r"Kestra's reservoir gauges: \d \(drawn from \d to \d\)", hidden) and "reservoir:" not in hidden
    assert "A seat on a joint board" in ann.locator("#others-aims").inner_text()  # secret aims revealed at the end
    cy.screenshot(path=str(shots / "student-debrief.png"), full_page=True)
    teacher.screenshot(path=str(shots / "dashboard.png"), full_page=True)

    teacher.get_by_role("button", name="End the class").click()
    teacher.get_by_role("link", name="CSV of scores by role").wait_for()
    for steering in ("Pause table 1", "Undo last move", "Announce", "End the class", "Pause all"):  # the record alone
        assert not teacher.get_by_role("button", name=steering).count(), steering
    href = teacher.get_by_role("link", name="HTML").get_attribute("href")
    assert room.row.teacher_token not in href and room.report_token in href  # shown to the room, it opens no dashboard
    report = teacher.request.get(served.address.rstrip("/") + href)
    assert report.ok and "table-1" in report.text() and "table-2" in report.text()
    # The report and a transcript open styled: their inline styles are allowed, and only those.
    refused: list[str] = []
    reader = teacher.context.new_page()
    reader.on("console", lambda message: refused.append(message.text) if "Content Security" in message.text else None)
    reader.goto(served.address.rstrip("/") + href)
    assert "Georgia" in reader.evaluate("getComputedStyle(document.body).fontFamily")
    assert reader.evaluate("getComputedStyle(document.querySelector('td')).borderBottomStyle") == "solid"
    reader.goto(
        served.address.rstrip("/") + teacher.get_by_role("link", name="Transcript of table 1").get_attribute("href")
    )
    assert reader.evaluate("getComputedStyle(document.querySelector('h2')).borderBottomStyle") == "solid"
    swatch = "getComputedStyle(document.querySelector('.swatch')).backgroundColor"
    assert reader.evaluate(swatch) not in ("rgba(0, 0, 0, 0)", "transparent"), "a delegation's colour (style attribute)"
    assert not refused, refused
    reader.close()
    ben.get_by_text("Your teacher has ended the class").wait_for()  # table 2 was cut short mid-game
    assert ben.locator("#turn").is_hidden() and "Scores so far" in ben.locator("#debrief").inner_text()
    assert room.ended and room.results is not None
    assert not FAILED, f"the server failed these requests of its own pages: {FAILED}"  # the icon included


def test_a_page_with_a_seat_from_another_class_offers_to_join_again(
    browser: object, served: BackgroundServer, room: Room
) -> None:
    """A school laptop kept last lesson's seat: the page says so in words and shows the join form."""
    # The browser starts with the old seat in its storage: set from a page and reloaded, the write
    # could still be on its way to the browser's storage when the reloaded page read it.
    kept = {"origin": served.address.rstrip("/"), "localStorage": [{"name": "parley-seat-token", "value": "last-week"}]}
    page = new_page(browser, 1100, 900, {"cookies": [], "origins": [kept]})
    page.goto(served.address)
    page.get_by_text("this page's seat is from another class").wait_for()  # type: ignore[attr-defined]
    assert page.locator("#join").is_visible() and page.locator("#seat").is_hidden()  # type: ignore[attr-defined]
    assert page.evaluate("localStorage.getItem('parley-seat-token')") is None  # type: ignore[attr-defined]
    page.get_by_label("Join code").fill(room.row.code)  # type: ignore[attr-defined]
    page.get_by_label("Your name").fill("Dee")  # type: ignore[attr-defined]
    page.get_by_role("button", name="Join").click()  # type: ignore[attr-defined]
    page.locator("#seat").wait_for(state="visible")  # type: ignore[attr-defined]


class ClockTime:
    """The host's clock for the turn clocks, moved on by the test (never a wait)."""

    def __init__(self) -> None:
        self.now = 1_000.0

    def __call__(self) -> float:
        return self.now


def test_a_students_page_says_when_the_clock_waits_and_what_it_did_for_them(browser: object, store: ClassStore) -> None:
    time_ = ClockTime()
    room = Room.create(store, TUTORIAL, ClassOptions(1, ("kestra", "dunmore"), minutes=1), "timed", now=time_)
    served = BackgroundServer(room, tick=0.05).start()
    try:
        ann = student(browser, served, room, "Ann", phone=True)  # Kestra; Dunmore opens, and nobody holds it
        ann.locator("#clock").get_by_text("1:00 left (clock stopped)").wait_for()
        teacher = new_page(browser, 1280, 900)
        teacher.goto(f"{served.address}teacher#{room.row.teacher_token}")
        teacher.get_by_text("Clock: 1:00 left, stopped (starts when every seat is taken, or with Start)").wait_for()
        teacher.get_by_role("button", name="Start table 1's clock").click()  # started, yet Dunmore's seat is empty
        teacher.get_by_text("Clock: 1:00 left, stopped (a seat it waits for has nobody connected)").wait_for()
        assert not teacher.get_by_role("button", name="Start table 1's clock").count()
        time_.now += 3600
        cy = student(browser, served, room, "Cy")  # every seat taken: Dunmore's clock runs
        cy.locator("#clock").get_by_text(re.compile(r"^\d:\d\d left$")).wait_for()
        running = teacher.locator("#clock-1")  # the dashboard counts down between the host's updates too
        running.get_by_text(re.compile(r"^\d:\d\d left$")).wait_for()
        first = running.inner_text()
        teacher.wait_for_timeout(2200)
        assert running.inner_text() != first
        time_.now += 61
        notice = cy.locator("#timed-out")
        notice.wait_for()
        assert notice.inner_text() == (
            "Time ran out: “Dunmore delegation makes no offer” (no offer was made for you: the turn passed)."
        )
        assert (
            "Time ran out: Dunmore delegation makes no offer (no offer was made for you"
            in cy.locator("#log").inner_text()
        )
        ann.locator("#log").get_by_text(
            "Time ran out: Dunmore delegation makes no offer (no offer was made:"
        ).wait_for()
        assert not ann.locator("#timed-out").count()
    finally:
        served.stop()
