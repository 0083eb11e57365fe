"""The private calendar feed (``/calendar/<token>.ics``, no login) and resetting its link."""

from __future__ import annotations

from flask import Response, abort, flash, redirect, url_for
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _
from flask_login import current_user, login_required
from flask_wtf import FlaskForm

from portal.core.extensions import db
from portal.cycles import calendar_feed
from portal.cycles.schedule import user_today
from portal.models import utcnow
from portal.views.calendar.blueprint import bp


@bp.get("/calendar/<token>.ics")
def feed(token: str) -> ResponseReturnValue:
    user = calendar_feed.user_for_token(db.session, token)
    if user is None:
        abort(404)
    now = utcnow()
    body = calendar_feed.build_feed(db.session, user, today=user_today(user, now), now=now)
    response = Response(body, mimetype="text/calendar")
    response.headers["Cache-Control"] = "private, max-age=3600"
    response.headers["Referrer-Policy"] = "no-referrer"
    return response


@bp.post("/settings/calendar")
@login_required
def reset() -> ResponseReturnValue:
    if not FlaskForm().validate_on_submit():
        abort(400)
    calendar_feed.reset_token(db.session, current_user)
    db.session.commit()
    flash(_("Je agenda-link is vernieuwd; de oude link werkt niet meer."), "success")
    return redirect(url_for("settings.show") + "#calendar")
