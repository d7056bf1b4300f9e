"""The projector page shows the whole room each table's public view, who sits where and how to join,
and nothing private: tried at every move of a game with private briefings, knowledge, messages,
typed reasons and sealed choices. Only the projector's or the teacher's key opens it, and it can
do nothing but watch."""

from __future__ import annotations

import json

from game.engine.narrate import PUBLIC
from game.engine.table import Action
from game.net.projector import projector_state
from game.net.protocol import Say
from game.net.room import Room
from game.net.running import BackgroundServer

from .test_protocol import OFFER, Client, join, send
from .test_room import play_to_the_night

JOIN = "http://192.0.2.1:8765/"


def private_words(room: Room, number: int) -> set[str]:
    """Everything a seat at table ``number`` may read that the room may not (whole paragraphs)."""
    table = room.tables[number]
    found: set[str] = set()
    for seat in table.table.seats:
        seen = table.table.view(seat)
        for text in (seen.briefing, seen.narration, seen.epilogue):
            found.update(p.strip() for p in text.split("\n\n") if len(p.strip()) > 20)
        found.update(k for k in seen.knowledge if len(k) > 20)
        found.update(o.text for o in seen.objectives if o.secret)
        found.update(line.text for line in seen.log if line.kind == "event" and len(line.text) > 20)
    public = table.table.view(PUBLIC)
    shared = "\n\n".join([public.narration, public.epilogue, *(line.text for line in public.log)])
    return {w for w in found if w not in shared}


def test_nothing_private_ever_reaches_the_projector(room: Room) -> None:
    ann = room.join(room.row.code, "Ann")  # table 1, Kestra
    room.join(room.row.code, "Ben")  # table 2, Kestra
    cy = room.join(room.row.code, "Cy")  # table 1, Dunmore
    room.say(ann, Say("dunmore", "PRIVATE-NOTE meet by the sluice"))
    room.say(cy, Say("", "PUBLIC-NOTE to the table"))
    secrets = {"PRIVATE-NOTE", "PUBLIC-NOTE", "TYPED-REASON", room.row.teacher_token, ann.token, cy.token}
    shown: list[str] = []

    def look() -> None:
        text = json.dumps(projector_state(room, JOIN), ensure_ascii=False)
        shown.append(text)
        leaked = {w for w in secrets | private_words(room, 1) if w in text}
        assert not leaked, leaked

    assert len(private_words(room, 1)) >= 3  # briefings, knowledge and secret objectives to look for
    look()
    table = room.tables[1]
    table.act("dunmore", Action("propose", package=OFFER, reason="TYPED-REASON one"))
    look()
    play_to_the_night(room)
    look()
    sealed = table.game.decision_for("kestra")
    assert sealed is not None
    chosen = sealed.open_choices[0].step
    table.act("kestra", Action("seal", choice=chosen.id, reason="TYPED-REASON sealed"))
    secrets.add(chosen.label)  # what Kestra chose stays hidden until the reveal
    look()
    secrets.discard(chosen.label)
    for _ in range(20):
        waiting = table.table.waiting_for()
        if not waiting:
            break
        turn = table.table.view(waiting[0]).turn
        assert turn is not None
        package = OFFER if turn.kind == "propose" else {}
        table.act(waiting[0], Action(turn.kind, choice=1, answer="reject", package=package, reason="TYPED-REASON 2"))
        look()
    assert table.game.ended
    last = json.loads(shown[-1])["tables"][0]
    assert last["outcome"] and last["seats"][0]["members"] == ["Ann"]
    assert "Kestra delegation" in shown[0] and room.row.code in shown[0] and JOIN in shown[0]


def test_only_the_projectors_or_the_teachers_key_opens_it_and_it_only_watches(
    served: BackgroundServer, room: Room
) -> None:
    client = Client(served)
    assert (
        room.projector_token not in (room.row.teacher_token, "") and room.row.teacher_token not in room.projector_token
    )
    with client.ws() as a, client.ws() as p, client.ws() as t:
        token, _ = join(a, room, "Ann")
        for wrong in (token, "guess", room.projector_token[:-1] + "x"):
            assert send(p, type="watch", token=wrong)["type"] == "error"
        assert send(p, type="hello", token=room.projector_token)["type"] == "error"  # not a seat, not the teacher
        state = send(p, type="watch", token=room.projector_token)
        assert state["type"] == "projector" and state["tables"][0]["seats"][0]["members"] == ["Ann"]
        for attempt in (
            {"type": "act", "kind": "propose", "package": OFFER},
            {"type": "say", "to": "", "text": "hello"},
            {"type": "teacher", "do": "end"},
        ):
            assert send(p, **attempt)["type"] == "error"
        assert send(t, type="watch", token=room.row.teacher_token)["type"] == "projector"
        with client.ws() as b:
            join(b, room, "Ben")  # table 2, Kestra
            told = p.receive_json()  # the projector is told who joined where
        assert told["tables"][1]["seats"][0]["members"] == ["Ben"]
    assert not room.ended
    assert client.get("/report.html", params={"token": room.projector_token}).status_code == 403
