"""Running a class on the local network: find this computer's address there, and serve."""

from __future__ import annotations

import gc
import socket
import sys

import uvicorn

from .room import Room
from .web import make_app

MAX_FRAME = 64 * 1024  # bytes in one WebSocket frame; the protocol's own limit is lower
SWITCH_INTERVAL = 0.0005  # seconds a busy thread keeps the interpreter while another waits for it


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


def tune_for_serving(freeze: bool = True) -> None:
    """Tune this process for serving a class, once the class is loaded. The store's writer thread
    gets the interpreter back within half a millisecond after each SQLite call of a commit, not the
    default 5 ms a busy event loop makes it wait (a move is shown only once it is on disk, so that
    wait was in every move's time). With ``freeze`` (a process that only serves), what is loaded
    now (the scenario, the replayed games) is left out of the garbage collector's full passes, which
    otherwise stall every table for tens of milliseconds now and then; the window does not freeze,
    as its scenes come and go and must stay collectable."""
    sys.setswitchinterval(SWITCH_INTERVAL)
    if freeze:
        gc.collect()
        gc.freeze()


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
