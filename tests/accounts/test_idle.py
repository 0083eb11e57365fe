"""Idle timeout (issue 16): IDLE_MINUTES without a request ends the session; text is kept."""

from __future__ import annotations

import time

from portal.models import Role
from portal.views.idle import LAST_SEEN
from tests.helpers import login


def _idle_for(client, minutes: float) -> None:
    with client.session_transaction() as cookie:
        cookie[LAST_SEEN] = int(time.time() - minutes * 60)


def test_a_session_idle_longer_than_idle_minutes_ends(app, client, klantmanager):
    login(client, klantmanager)
    _idle_for(client, app.config["IDLE_MINUTES"] - 1)
    assert client.get("/settings").status_code == 200  # and this request counts as activity
    _idle_for(client, app.config["IDLE_MINUTES"] + 1)
    response = client.get("/settings")
    assert response.status_code == 302 and response.headers["Location"].startswith("/login")
    assert "niet actief" in client.get("/login").text
    assert client.get("/settings").status_code == 302  # stays ended


def test_idle_timeout_also_ends_a_remembered_login(app, client, klantmanager):
    from tests.helpers import csrf_token

    token = csrf_token(client.get("/login"))
    client.post(
        "/login",
        data={
            "email": klantmanager.email,
            "password": "correct horse battery staple",
            "remember": "y",
            "csrf_token": token,
        },
    )
    _idle_for(client, app.config["IDLE_MINUTES"] + 1)
    client.get("/settings")
    assert (
        client.get_cookie("remember_token") is None or not client.get_cookie("remember_token").value
    )
    assert client.get("/settings").status_code == 302


def test_a_story_posted_after_the_idle_timeout_keeps_its_text(app, client, make_user):
    author = make_user(Role.KLANTMANAGER)
    login(client, author)
    from tests.helpers import csrf_token

    page = client.get("/stories/new")
    token = csrf_token(page)
    _idle_for(client, app.config["IDLE_MINUTES"] + 5)
    response = client.post(
        "/stories/new",
        data={"csrf_token": token, "title": "Na de lunch", "body_md": "Tekst die niet weg mag"},
    )
    assert response.status_code == 401
    assert "Tekst die niet weg mag" in response.text  # back on the login form, with the text


def test_ping_keeps_the_session_and_the_warning_is_on_every_page(app, client, klantmanager):
    login(client, klantmanager)
    page = client.get("/")
    assert 'id="idle-warning"' in page.text and "js/idle.js" in page.text
    assert f'data-idle-minutes="{app.config["IDLE_MINUTES"]}"' in page.text
    _idle_for(client, app.config["IDLE_MINUTES"] - 2)
    assert client.get("/session/ping").status_code == 204
    with client.session_transaction() as cookie:
        assert time.time() - cookie[LAST_SEEN] < 60  # the ping counted as activity
    assert client.get("/settings").status_code == 200
