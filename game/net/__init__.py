"""A class on its own devices: a server that hosts tables of one scenario, students in browsers.

``store`` keeps everything in SQLite, ``protocol`` reads and checks every message from a browser,
``room`` holds a class (tables, seats, members, messages, the teacher's actions) over the engine's
``Table``, ``web`` is the thin Starlette layer and ``hosting`` runs it on the local network.
The engine never imports this package.
"""
