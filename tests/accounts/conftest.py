"""Fixtures of the account tests."""

from __future__ import annotations

import email
import email.policy
import re
import socket
import time
from datetime import UTC, datetime

import pytest
from aiosmtpd.controller import Controller

from portal.accounts import two_factor
from portal.models import Role, User

TWO_FACTOR_SINCE = datetime(2026, 11, 23, 9, 0, 0, tzinfo=UTC)


@pytest.fixture
def with_2fa(session, make_user):
    """``with_2fa(*roles)``: a user who has two-factor login on; returns (user, secret)."""

    def make(*roles: str) -> tuple[User, str]:
        user = make_user(*(roles or (Role.KLANTMANAGER,)))
        secret = two_factor.new_secret()
        user.totp_secret, user.totp_enabled_at = secret, TWO_FACTOR_SINCE
        session.commit()
        return user, secret

    return make


class _Collect:
    def __init__(self) -> None:
        self.received: list = []

    async def handle_DATA(self, server, session, envelope):
        self.received.append(envelope)
        return "250 OK"


class Mailbox:
    """A real local SMTP server (aiosmtpd) the app sends to; ``messages`` are what it received."""

    def __init__(self, handler: _Collect) -> None:
        self.handler = handler

    @property
    def messages(self) -> list[email.message.Message]:
        return [
            email.message_from_bytes(e.content, policy=email.policy.default)
            for e in self.handler.received
        ]

    def wait(self, count: int = 1, seconds: float = 30.0) -> list[email.message.Message]:
        deadline = time.monotonic() + seconds
        while len(self.handler.received) < count and time.monotonic() < deadline:
            time.sleep(0.02)
        return self.messages

    def links(self) -> list[str]:
        """The set-password links in the plain-text parts, oldest mail first."""
        found = []
        for message in self.messages:
            text = message.get_body(preferencelist=("plain",)).get_content()
            found += re.findall(r"https?://\S+/password/(?!forgot)\S+", text)
        return found


@pytest.fixture
def mailbox(app, monkeypatch):
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    handler = _Collect()
    controller = Controller(handler, hostname="127.0.0.1", port=port, server_hostname="localhost")
    controller.start()
    monkeypatch.setitem(app.config, "MAIL_SERVER", "127.0.0.1")
    monkeypatch.setitem(app.config, "MAIL_PORT", port)
    yield Mailbox(handler)
    controller.stop()
