"""Idle timeout (issue 16): a session without a request for ``IDLE_MINUTES`` (default 30) ends,
in this browser and its remember-me cookie. The time of the last request is kept in the signed
session. A page warns a few minutes before (``static/js/idle.js``, the text in ``base.html``);
"stay logged in" asks ``/session/ping``. Text is not lost: drafts autosave while typing, and a form
posted after the session ended comes back through the login (``views.rescue``)."""

from __future__ import annotations

import time

from flask import Blueprint, Flask, current_app, flash, session
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _
from flask_login import current_user, login_required

from portal.accounts import sessions

bp = Blueprint("idle", __name__)
LAST_SEEN = "last_seen"
#: Requests that do not count as activity (they do not keep a session alive on their own).
PASSIVE = {"static", "main.healthz"}


def idle_seconds() -> int:
    return int(current_app.config["IDLE_MINUTES"]) * 60


def check_idle() -> None:
    """End the session when its last request is longer ago than ``IDLE_MINUTES``."""
    from flask import request

    if request.endpoint in PASSIVE or not current_user.is_authenticated:
        return
    now = int(time.time())
    last = session.get(LAST_SEEN)
    if isinstance(last, int) and now - last > idle_seconds():
        sessions.end()
        flash(
            _(
                "Je was %(n)s minuten niet actief en bent uitgelogd. Log opnieuw in.",
                n=current_app.config["IDLE_MINUTES"],
            ),
            "info",
        )
        return
    session[LAST_SEEN] = now


@bp.get("/session/ping")
@login_required
def ping() -> ResponseReturnValue:
    """Stay logged in: the request itself counts as activity (``check_idle``)."""
    return "", 204


def init_idle(app: Flask) -> None:
    app.before_request(check_idle)
