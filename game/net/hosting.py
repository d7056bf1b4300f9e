"""Running a class on the local network: find this computer's address there, and serve."""

from __future__ import annotations

import socket

import uvicorn

from .room import Room
from .web import make_app

PORT = 8765  # the port a class is hosted on unless told otherwise
MAX_FRAME = 64 * 1024  # bytes in one WebSocket frame; the protocol's own limit is lower


def lan_address() -> str:
    """This computer's address on the local network (no packet is sent), or 127.0.0.1 without one."""
    probe = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    try:
        probe.connect(("10.255.255.255", 1))
        return str(probe.getsockname()[0])
    except OSError:
        return "127.0.0.1"
    finally:
        probe.close()


def server(room: Room, bind: str, port: int, join_address: str, tick: float = 1.0) -> uvicorn.Server:
    """A uvicorn server for the class (``run()`` it, or ``should_exit = True`` to stop); ``tick`` is
    how often the turn clocks are looked at, in seconds."""
    config = uvicorn.Config(
        make_app(room, join_address, tick),
        host=bind,
        port=port,
        log_level="warning",
        ws_max_size=MAX_FRAME,
        ws_per_message_deflate=False,  # compressing each seat's state cost more time than the LAN saves
        lifespan="off",
    )
    return uvicorn.Server(config)
