"""Logging in and out, and the one-time setup."""

from __future__ import annotations

from flask import (
    abort,
    current_app,
    flash,
    redirect,
    render_template,
    request,
    session,
    url_for,
)
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _
from flask_login import current_user
from flask_login.utils import login_url

from portal.accounts import sessions, two_factor, users
from portal.core import audit
from portal.core.extensions import db, limiter, login_manager
from portal.core.i18n import supported
from portal.core.security import safe_next
from portal.models import Role, utcnow
from portal.views import rescue
from portal.views.auth.blueprint import bp, count_failure, failed, login_limit
from portal.views.auth.forms import LoginForm, SetupForm
from portal.views.auth.two_factor import begin_code_step

LOCAL_ADDRESSES = {"127.0.0.1", "::1"}


def _email_limit() -> str:
    return current_app.config["LOGIN_EMAIL_RATE_LIMIT"]


def _posted_email() -> str:
    """The limit key of the account tried (normalised, so case tricks count as one)."""
    return "email:" + users.normalise_email(request.form.get("email", ""))[:320]


@bp.route("/login", methods=["GET", "POST"])
@limiter.limit(login_limit, methods=["POST"], deduct_when=failed)
@limiter.limit(_email_limit, methods=["POST"], deduct_when=failed, key_func=_posted_email)
def login() -> ResponseReturnValue:
    next_url = safe_next(request.values.get("next"))
    if current_user.is_authenticated:
        return redirect(next_url or url_for("main.home"))
    form = LoginForm()
    rescue_target, rescue_fields = (
        rescue.carried_fields() if request.method == "POST" else (None, [])
    )
    if form.validate_on_submit():
        user = users.authenticate(db.session, form.email.data, form.password.data, now=utcnow())
        if user is None:
            audit.record(
                db.session, None, "login_failed", email=users.normalise_email(form.email.data)
            )
            db.session.commit()
            count_failure()
            form.password.errors.append(_("Dit e-mailadres en wachtwoord horen niet bij elkaar."))
        else:
            if supported(session.get("locale")):
                user.locale = session["locale"]  # the language chosen on the login page sticks
            if two_factor.enabled(user):
                db.session.commit()
                sessions.prepare()
                return begin_code_step(
                    user, form.remember.data, next_url, rescue_target, rescue_fields
                )
            audit.record(db.session, user, "login", user)
            db.session.commit()
            sessions.start(user, remember=form.remember.data)
            if rescue_target:
                return rescue.resubmit_page(rescue_target, rescue_fields)
            return redirect(next_url or url_for("main.home"))
    return render_template(
        "auth/login.html",
        form=form,
        next_url=next_url,
        rescue_target=rescue_target,
        rescue_fields=rescue.carried_on_login(rescue_fields),
    )


@bp.post("/logout")
def logout() -> ResponseReturnValue:
    if current_user.is_authenticated:
        audit.record(db.session, current_user, "logout", current_user)
        sessions.end_sessions(current_user)  # every browser and remember-me cookie of this person
        db.session.commit()
    sessions.end()
    flash(_("Je bent uitgelogd."), "success")
    return redirect(url_for("auth.login"))


def setup_allowed() -> bool:
    return request.remote_addr in LOCAL_ADDRESSES and users.user_count(db.session) == 0


@bp.route("/setup", methods=["GET", "POST"])
def setup() -> ResponseReturnValue:
    if not setup_allowed():
        abort(404)
    form = SetupForm()
    if form.validate_on_submit():
        try:
            user = users.create_user(
                db.session,
                form.email.data,
                form.name.data,
                {Role.BEHEERDER},
                password=form.password.data,
            )
        except users.UserError as error:
            form.email.errors.append(str(error))
        else:
            audit.record(db.session, user, "setup", user)
            db.session.commit()
            sessions.start(user)
            flash(_("Welkom! Je bent de eerste beheerder van dit portaal."), "success")
            return redirect(url_for("main.home"))
    return render_template("auth/setup.html", form=form)


def unauthorized() -> ResponseReturnValue:
    """Send the visitor to log in, but keep the text of a form posted after the session ended."""
    rescued = rescue.rescue_response()
    if rescued is not None:
        return rescued
    if request.method == "GET" and setup_allowed():
        return redirect(url_for("auth.setup"))  # a new portal: create the first beheerder first
    flash(login_manager.login_message, login_manager.login_message_category)
    return redirect(login_url(login_manager.login_view, next_url=request.url))
