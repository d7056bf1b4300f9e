"""A class served from a background thread: for tests, the load bench and the window's "Host a class"."""

from __future__ import annotations

import socket
import threading
import time

from .hosting import PORT, lan_address, server
from .room import ClassOptions, Room
from .store import ClassStore


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
        self.thread = threading.Thread(target=self.server.run, name="parley-class", daemon=True)
        self.store = store  # closed (every write on disk) when the server stops, if given

    def start(self, wait: float = 10.0) -> BackgroundServer:
        self.thread.start()
        deadline = time.monotonic() + wait
        while not self.server.started:
            if time.monotonic() > deadline or not self.thread.is_alive():
                raise RuntimeError("the class server did not start")
            time.sleep(0.01)
        return self

    def stop(self) -> None:
        self.server.should_exit = True
        self.thread.join(timeout=10)
        if self.store is not None:
            self.store.close()


def host_in_background(scenario_path: str, options: ClassOptions, local: bool = False) -> BackgroundServer:
    """A new class in the class database, served from a background thread as ``host --headless``
    serves one (port 8765 when it is free, else any free port): the window's "Host a class"."""
    store = ClassStore()
    try:
        room = Room.create(store, scenario_path, options)
        port = PORT if port_free(PORT) else free_port()
        return BackgroundServer(room, port, local=local, store=store).start()
    except BaseException:
        store.close()
        raise
