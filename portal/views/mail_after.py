"""Send a queued mail right after the response went out, so the person asking does not wait for
the mail server (and a slow server does not tell whether an address is known). A failure stays in
the outbox, where ``reminders send`` retries it."""

from __future__ import annotations

import logging

from flask import Response, current_app, make_response
from flask.typing import ResponseReturnValue

from portal.accounts.link_mail import send_message
from portal.core.extensions import db
from portal.models import utcnow

log = logging.getLogger("portal.mail")


def send_after_response(rv: ResponseReturnValue, *message_ids: int | None) -> Response:
    response = make_response(rv)
    ids = [i for i in message_ids if i is not None]
    if not ids:
        return response
    app = current_app._get_current_object()  # type: ignore[attr-defined]

    def send() -> None:
        with app.app_context():
            try:
                for message_id in ids:
                    send_message(db.session, message_id, app.config, now=utcnow())
            except Exception:  # never let a mail problem surface after the response
                log.exception("sending mail %s after the response failed", ids)
                db.session.rollback()

    response.call_on_close(send)
    return response
