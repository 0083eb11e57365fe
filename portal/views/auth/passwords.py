"""Forgot password (``/password/forgot``) and setting a password from a one-time link."""

from __future__ import annotations

from flask import current_app, flash, redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _

from portal.accounts import link_mail, passwords, sessions, users
from portal.core import audit
from portal.core.extensions import db, limiter
from portal.models import utcnow
from portal.views.auth.blueprint import bp
from portal.views.auth.forms import ForgotForm, SetPasswordForm
from portal.views.mail_after import send_in_background


def _reset_limit() -> str:
    return current_app.config["PASSWORD_RESET_RATE_LIMIT"]


def _reset_ip_limit() -> str:
    return current_app.config["PASSWORD_RESET_IP_RATE_LIMIT"]


def _posted_email() -> str:
    return "reset:" + users.normalise_email(request.form.get("email", ""))[:320]


@bp.route("/password/forgot", methods=["GET", "POST"])
@limiter.limit(_reset_ip_limit, methods=["POST"])
@limiter.limit(_reset_limit, methods=["POST"], key_func=_posted_email)
def forgot() -> ResponseReturnValue:
    """The same answer whether the address is known or not; a known, active one gets a link."""
    form = ForgotForm()
    if not form.validate_on_submit():
        return render_template("auth/forgot.html", form=form), 400 if form.errors else 200
    now = utcnow()
    user = users.find_user(db.session, form.email.data)
    message_id = None
    if user is not None and user.active:
        link, token = passwords.issue_link(db.session, user, passwords.RESET, now=now)
        message_id = link_mail.queue_link_mail(db.session, user, link, token, now=now).id
        audit.record(db.session, user, "password_reset_requested", user)
    db.session.commit()
    response = render_template("auth/forgot_sent.html", email=form.email.data)
    return send_in_background(response, message_id)


@bp.route("/password/<token>", methods=["GET", "POST"])
def set_password(token: str) -> ResponseReturnValue:
    now = utcnow()
    link, user, state = passwords.find_link(db.session, token, now=now)
    if state is not passwords.LinkState.OK:
        return render_template("auth/link_invalid.html", state=str(state)), 404
    form = SetPasswordForm()
    form.account_email = user.email
    if form.validate_on_submit():
        if not passwords.use_link(db.session, link, now=now):
            db.session.rollback()
            return render_template("auth/link_invalid.html", state="used"), 404
        users.set_password(db.session, user, form.password.data)
        sessions.end_sessions(user)  # a new password ends every old login
        audit.record(db.session, user, "password_set", user, via=link.purpose)
        db.session.commit()
        flash(_("Je wachtwoord is ingesteld. Log nu in."), "success")
        return redirect(url_for("auth.login"))
    invite = link.purpose == passwords.INVITE
    return render_template("auth/set_password.html", form=form, user=user, invite=invite)
