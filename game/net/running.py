"""A class served from a background thread: for tests, the load bench and the window."""

from __future__ import annotations

import socket
import threading
import time

from .hosting import server
from .room import Room


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


class BackgroundServer:
    """Serves ``room`` on 127.0.0.1 at a free port until ``stop()``."""

    def __init__(self, room: Room, port: int = 0, tick: float = 1.0) -> None:
        self.port = port or free_port()
        self.address = f"http://127.0.0.1:{self.port}/"
        self.server = server(room, "127.0.0.1", self.port, self.address, tick)
        self.thread = threading.Thread(target=self.server.run, name="parley-class", daemon=True)

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
