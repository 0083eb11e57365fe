"""Helpers that act like a person: through the real forms, CSRF token included."""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy import Engine, event

PASSWORD = "correct horse battery staple"

_CSRF = re.compile(r'name="csrf_token"[^>]*value="([^"]+)"')


def csrf_token(response_or_html) -> str:
    html = response_or_html if isinstance(response_or_html, str) else response_or_html.text
    match = _CSRF.search(html)
    assert match, "no csrf_token on the page"
    return match.group(1)


def login(client, user, password: str = PASSWORD, next_url: str | None = None):
    token = csrf_token(client.get("/login"))
    data = {"email": user.email, "password": password, "csrf_token": token}
    url = f"/login?next={next_url}" if next_url else "/login"
    response = client.post(url, data=data)
    assert response.status_code == 302, response.text
    return response


def logout(client):
    token = csrf_token(client.get("/"))
    return client.post("/logout", data={"csrf_token": token})


def post_form(client, url: str, data: dict, token_from: str | None = None):
    """POST ``data`` to ``url`` with a CSRF token taken from ``token_from`` (default: ``url``)."""
    token = csrf_token(client.get(token_from or url))
    return client.post(url, data={**data, "csrf_token": token})


class QueryCounter:
    def __init__(self) -> None:
        self.statements: list[str] = []

    @property
    def count(self) -> int:
        return len(self.statements)

    def __call__(self, conn, cursor, statement, parameters, context, executemany) -> None:
        self.statements.append(statement)


@contextmanager
def count_queries(engine: Engine) -> Iterator[QueryCounter]:
    """Count the SQL statements sent to ``engine`` inside the block (for per-page bounds)."""
    counter = QueryCounter()
    event.listen(engine, "before_cursor_execute", counter)
    try:
        yield counter
    finally:
        event.remove(engine, "before_cursor_execute", counter)
