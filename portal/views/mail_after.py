"""Send a queued mail in the background right after the commit that queued it, so the person
asking does not wait for the mail server (and a slow server does not tell whether an address is
known). A failure stays in the outbox, where ``reminders send`` retries it.

A thread rather than ``Response.call_on_close``: a WSGI server calls ``close`` only when it has
finished with the connection cleanly. Werkzeug's server (``make run``, the browser tests) skips it
when the browser resets the connection, as Chromium may on a redirect it follows at once, and the
mail then waited for the next ``reminders send``."""

from __future__ import annotations

import logging
import threading

from flask import Flask, Response, current_app, make_response
from flask.typing import ResponseReturnValue

from portal.accounts.link_mail import send_message
from portal.core.extensions import db
from portal.models import utcnow

log = logging.getLogger("portal.mail")


def _send(app: Flask, message_ids: list[int]) -> None:
    with app.app_context():
        try:
            for message_id in message_ids:
                send_message(db.session, message_id, app.config, now=utcnow())
        except Exception:  # a mail problem never reaches the person; the outbox keeps the mail
            log.exception("sending mail %s in the background failed", message_ids)
            db.session.rollback()


def send_in_background(rv: ResponseReturnValue, *message_ids: int | None) -> Response:
    """``rv`` as a response; the committed outbox messages ``message_ids`` go out meanwhile."""
    response = make_response(rv)
    ids = [i for i in message_ids if i is not None]
    if ids:
        app = current_app._get_current_object()  # type: ignore[attr-defined]
        threading.Thread(target=_send, args=(app, ids), name="mail", daemon=True).start()
    return response
