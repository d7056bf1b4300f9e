"""A class served from a background thread: for tests, the load bench and the window's "Host a class"."""

from __future__ import annotations

import asyncio
import socket
import threading
import time
from collections.abc import Coroutine
from concurrent.futures import Future
from dataclasses import dataclass, field
from typing import Any, TypeVar

from starlette.applications import Starlette

from ..engine.jsonread import JSONObject
from .hosting import lan_address, server, tune_for_serving
from .hub import Hub
from .option_help import PORT
from .protocol import TeacherAction
from .room import ClassOptions, Room
from .store import ClassStore

T = TypeVar("T")


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def port_free(port: int) -> bool:
    """True if nothing on this computer listens on ``port`` yet."""
    with socket.socket() as probe:
        try:
            probe.bind(("0.0.0.0", port))
        except OSError:
            return False
    return True


class BackgroundServer:
    """Serves ``room`` at ``port`` (a free one by default) until ``stop()``: on this computer only
    (127.0.0.1) when ``local``, else on the local network, as ``host`` does."""

    def __init__(
        self, room: Room, port: int = 0, tick: float = 1.0, local: bool = True, store: ClassStore | None = None
    ) -> None:
        self.room = room
        self.port = port or free_port()
        where = "127.0.0.1" if local else lan_address()
        self.address = f"http://{where}:{self.port}/"
        self.server = server(room, "127.0.0.1" if local else "0.0.0.0", self.port, self.address, tick)
        app = self.server.config.app
        assert isinstance(app, Starlette)  # web.make_app's
        self.hub: Hub = app.state.hub
        self.loop: asyncio.AbstractEventLoop | None = None  # the server's, once it runs
        self.thread = threading.Thread(target=self._serve, name="parley-class", daemon=True)
        self.store = store  # closed (every write on disk) when the server stops, if given
        self.stopped = False

    def _serve(self) -> None:
        """Run the server on a loop of this thread's own, kept so other threads can hand it work."""
        loop = asyncio.new_event_loop()
        asyncio.set_event_loop(loop)
        self.loop = loop
        try:
            loop.run_until_complete(self.server.serve())
        finally:  # what is left (the clocks' watch) is cancelled, as asyncio.run would
            left = asyncio.all_tasks(loop)
            for task in left:
                task.cancel()
            if left:
                loop.run_until_complete(asyncio.gather(*left, return_exceptions=True))
            loop.close()

    def start(self, wait: float = 10.0) -> BackgroundServer:
        self.thread.start()
        deadline = time.monotonic() + wait
        while not self.server.started:
            if time.monotonic() > deadline or not self.thread.is_alive():
                raise RuntimeError("the class server did not start")
            time.sleep(0.01)
        return self

    def stop(self) -> None:
        """Stop serving (a second call does nothing)."""
        if self.stopped:
            return
        self.stopped = True
        self.server.should_exit = True
        self.thread.join(timeout=10)
        if self.store is not None:
            self.store.close()

    def submit(self, work: Coroutine[Any, Any, T]) -> Future[T]:
        """Run ``work`` on the server's loop (the room is only changed there); its future result."""
        if self.loop is None or self.stopped:
            work.close()
            raise RuntimeError("the class is not being served")
        return asyncio.run_coroutine_threadsafe(work, self.loop)

    def teacher(self, action: TeacherAction) -> Future[tuple[int, ...]]:
        """A teacher's action from this computer, carried out and told to every seat as if the
        dashboard in the browser had sent it."""
        return self.submit(self.hub.teacher_action(action))

    def dashboard(self) -> Future[JSONObject]:
        """The teacher's dashboard, as the browser's gets it (every move on disk first)."""
        return self.submit(self.hub.dashboard())


@dataclass(frozen=True)
class HostRequest:
    """What ``host`` (without ``--headless``) asks of the window: the class to serve and where."""

    scenario: str
    options: ClassOptions = field(default_factory=ClassOptions)
    port: int = PORT
    local: bool = False
    name: str = ""  # the class's name ('' for its date and time)
    resume: str = ""  # a stored class to carry on, instead of a new one

    def to_json(self) -> JSONObject:
        return {
            "scenario": self.scenario,
            "options": self.options.to_json(),
            "port": self.port,
            "local": self.local,
            "name": self.name,
            "resume": self.resume,
        }

    @classmethod
    def from_json(cls, data: JSONObject) -> HostRequest:
        options = data.get("options")
        return cls(
            str(data.get("scenario", "")),
            ClassOptions.from_json(options if isinstance(options, dict) else {}),
            int(str(data.get("port", PORT))),
            data.get("local") is True,
            str(data.get("name", "")),
            str(data.get("resume", "")),
        )


def host_in_background(
    scenario_path: str,
    options: ClassOptions,
    local: bool = False,
    port: int = PORT,
    name: str = "",
    resume: str = "",
) -> BackgroundServer:
    """A new class in the class database (or the stored class ``resume``), served from a background
    thread as ``host --headless`` serves one (at ``port`` when it is free, else any free port): the
    window's "Host a class"."""
    store = ClassStore()
    try:
        room = Room.resume(store, resume) if resume else Room.create(store, scenario_path, options, name)
        port = port if port and port_free(port) else free_port()
        tune_for_serving(freeze=False)
        return BackgroundServer(room, port, local=local, store=store).start()
    except BaseException:
        store.close()
        raise
