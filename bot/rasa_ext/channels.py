"""Channels with the project's settings: socket.io that checks the browser's Origin.

Rasa 3.6 builds its socket.io server with `cors_allowed_origins=[]`, which switches the Origin
check off, and `--cors` covers plain HTTP only (DESIGN.md, known traps). This channel keeps
Rasa's socket.io behaviour (same name, path and events) but lets browsers connect only from
`ALLOWED_ORIGINS` (bot/settings.py). Clients that send no Origin (servers, tests) are not
browsers and are let through, as Engine.IO does.
"""

from __future__ import annotations

from typing import Any

from rasa.core.channels.socketio import SocketIOInput

from bot.settings import load_settings


class SocketIOChannel(SocketIOInput):
    """Rasa's socket.io channel with the Origin check on (credentials.yml names this class)."""

    @classmethod
    def name(cls) -> str:
        """The same name as Rasa's: the tracker's input channel stays "socketio"."""
        return "socketio"

    def blueprint(self, on_new_message: Any) -> Any:
        """Rasa's blueprint, with the allowed origins set on its Engine.IO server."""
        blueprint = super().blueprint(on_new_message)
        self.sio.eio.cors_allowed_origins = list(load_settings().allowed_origins)
        return blueprint
