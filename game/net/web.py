"""The thin web layer: pages, static files, the QR code, the report, and one WebSocket endpoint
that reads each message through ``protocol`` and hands it to the ``Room``."""

from __future__ import annotations

import base64
import hashlib
import io
import json
import logging
import re
from importlib import resources
from pathlib import Path

import qrcode
import qrcode.image.svg
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import FileResponse, PlainTextResponse, Response
from starlette.routing import Mount, Route, WebSocketRoute
from starlette.staticfiles import StaticFiles
from starlette.websockets import WebSocket, WebSocketDisconnect

from ..engine.jsonread import JSONObject
from .hub import Connection, Hub
from .nettable import TableError
from .protocol import Act, Hello, Join, ProtocolError, Say, TeacherAction, Watch, parse
from .protocol import Request as Message
from .room import Room, RoomError

log = logging.getLogger("parley.net")
STATIC = Path(str(resources.files("game.net") / "static"))
HEADERS = {
    "Content-Security-Policy": "default-src 'self'; img-src 'self' data:; connect-src 'self'",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
}

_STYLE_BLOCK = re.compile(r"<style>(.*?)</style>", re.DOTALL)
_STYLE_ATTRIBUTE = re.compile(r'\sstyle="([^"]*)"')


def document_headers(html: str) -> dict[str, str]:
    """Headers for a written document (the class report, a transcript): it runs no script and its
    styles are inline so that the saved file stands alone, so its policy allows exactly those styles
    (by their hashes) and nothing else; the pages' ``default-src 'self'`` would leave it unstyled."""
    blocks = " ".join(_hash(css) for css in dict.fromkeys(_STYLE_BLOCK.findall(html)))
    attributes = " ".join(_hash(css) for css in dict.fromkeys(_STYLE_ATTRIBUTE.findall(html)))
    styles = f"{blocks} 'unsafe-hashes' {attributes}" if attributes else blocks
    styles = styles or "'none'"
    policy = f"default-src 'none'; style-src {styles}; img-src 'self' data:; base-uri 'none'; form-action 'none'"
    return {**HEADERS, "Content-Security-Policy": policy}


def _hash(css: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(css.encode("utf-8")).digest()).decode("ascii") + "'"


def qr_svg(address: str) -> str:
    """The join address as a QR code in SVG (pure Python, nothing fetched)."""
    image = qrcode.make(address, image_factory=qrcode.image.svg.SvgPathImage, box_size=12, border=2)
    out = io.BytesIO()
    image.save(out)
    return out.getvalue().decode("utf-8")


def make_app(room: Room, join_address: str, tick: float = 1.0) -> Starlette:
    """The class's web app; ``tick`` is how often (seconds) the turn clocks are looked at."""
    hub = Hub(room, join_address, tick)

    def page(name: str) -> FileResponse:
        return FileResponse(STATIC / name, headers=HEADERS)

    async def student(request: Request) -> Response:
        return page("student.html")

    async def teacher(request: Request) -> Response:
        return page("teacher.html")

    async def projector(request: Request) -> Response:
        return page("projector.html")

    async def qr(request: Request) -> Response:
        return Response(qr_svg(f"{join_address}?code={room.row.code}"), media_type="image/svg+xml", headers=HEADERS)

    async def icon(request: Request) -> Response:
        return Response((STATIC / "icon.svg").read_bytes(), media_type="image/svg+xml", headers=HEADERS)

    async def info(request: Request) -> Response:
        body = {"title": room.scenario.title, "join": join_address}
        return Response(json.dumps(body), media_type="application/json", headers=HEADERS)

    async def report(request: Request) -> Response:
        if not room.may_read_report(request.query_params.get("token", "")):
            return PlainTextResponse("Open the class report from the teacher's dashboard.", status_code=403)
        if room.results is None:
            return PlainTextResponse("The report is ready when the class has ended.", status_code=404)
        if request.path_params["kind"] == "csv":
            headers = {**HEADERS, "Content-Disposition": f'attachment; filename="{room.row.id}.csv"'}
            return Response(room.results.csv, media_type="text/csv", headers=headers)
        return Response(room.results.html, media_type="text/html", headers=document_headers(room.results.html))

    async def transcript(request: Request) -> Response:
        if not room.may_read_report(request.query_params.get("token", "")):
            return PlainTextResponse("Open the transcripts from the teacher's dashboard.", status_code=403)
        page = room.results.transcripts.get(request.path_params["table"]) if room.results else None
        if page is None:
            return PlainTextResponse("A table's transcript is ready when the class has ended.", status_code=404)
        return Response(page, media_type="text/html", headers=document_headers(page))

    async def socket(websocket: WebSocket) -> None:
        await websocket.accept()
        connection = hub.add(websocket)
        try:
            while True:
                message = await websocket.receive()
                if message["type"] == "websocket.disconnect":
                    break
                text = message.get("text")
                if not isinstance(text, str):
                    await hub.send(connection, _error("send messages as text (JSON)"))
                    continue
                await _handle(hub, connection, text)
        except WebSocketDisconnect:
            pass
        finally:
            await hub.gone(connection)

    routes = [
        Route("/", student),
        Route("/teacher", teacher),
        Route("/projector", projector),
        Route("/qr.svg", qr),
        Route("/favicon.ico", icon),  # what a browser asks for on pages without a link to the icon (the report)
        Route("/info", info),
        Route("/report.{kind:str}", report),
        Route("/transcript/{table:int}.html", transcript),
        WebSocketRoute("/ws", socket),
        Mount("/static", StaticFiles(directory=STATIC), name="static"),
    ]
    app = Starlette(routes=routes)
    app.state.hub = hub
    return app


def _error(text: str) -> JSONObject:
    return {"type": "error", "message": text}


async def _handle(hub: Hub, connection: Connection, text: str) -> None:
    """One message: carried out and published, or answered with an error. Never raises."""
    try:
        request = parse(text)
        await _carry_out(hub, connection, request)
    except (ProtocolError, RoomError, TableError) as exc:
        await hub.send(connection, {"type": "error", "message": str(exc)})
    except Exception:
        log.exception("a request failed")
        await hub.send(connection, {"type": "error", "message": "the host could not do that; nothing was changed"})


async def _carry_out(hub: Hub, connection: Connection, request: Message) -> None:
    room = hub.room
    if isinstance(request, Join):
        joined, write = room.join_later(request.code, request.name)
        await room.stored((write,))  # on disk before the student is told, the loop serving others meanwhile
        hub.place(connection, joined.token)
        await hub.send(connection, {"type": "joined", "token": joined.token})
        await hub.publish((joined.table_no,))
        return
    if isinstance(request, Watch):
        if not room.may_watch(request.token):
            raise RoomError("this projector link is out of date: open the projector address on the teacher's board")
        hub.place(connection, projector=True)
        await hub.greet(connection)
        return
    if isinstance(request, Hello):
        if room.is_teacher(request.token):
            hub.place(connection, teacher=True)
            await hub.greet(connection)
            return
        known = room.member(request.token)
        if known is None:  # the page forgets the seat it kept and shows the join form again
            words = "this page's seat is from another class, or you were removed from it: join again with today's code"
            await hub.send(connection, {"type": "error", "code": "unknown-seat", "message": words})
            return
        hub.place(connection, known.token)
        await hub.greet(connection)
        return
    if isinstance(request, TeacherAction):
        if not connection.teacher:
            raise RoomError("only the teacher may do that")
        await hub.teacher_action(request)
        return
    member = room.member(connection.token) if connection.token else None
    if member is None:
        raise RoomError("join the class first")
    if isinstance(request, Act):
        number = room.act(member, request)
        ready = hub.prepare(number)  # the seats' states, built while the disk takes the move
        await room.tables[number].settle()  # on disk before anyone is told; a failed write is the mover's error
        await hub.publish((number,), ready)
    elif isinstance(request, Say):
        message, write = room.say_later(member, request)
        await room.stored((write,))  # a message that cannot be stored is its sender's error, shown to nobody
        await hub.tell_message(message)
