"""Two-factor login: the code step after the password, setting it up, switching it off, and the
gate that sends users of the roles that need it to the set-up before anything else."""

from __future__ import annotations

import time

from flask import (
    flash,
    make_response,
    redirect,
    render_template,
    request,
    session,
    url_for,
)
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _
from flask_login import current_user, login_required

from portal.accounts import recovery_codes, sessions, two_factor
from portal.core import audit
from portal.core.extensions import db, limiter
from portal.core.security import safe_next
from portal.models import User, utcnow
from portal.views import rescue
from portal.views.auth.blueprint import count_failure, failed, login_limit
from portal.views.auth.blueprint import two_factor_bp as bp
from portal.views.auth.forms import CodeForm

PENDING = "two_factor_pending"
PENDING_SECONDS = 5 * 60
MAX_TRIES = 5
SETUP_SECRET = "two_factor_setup_secret"
#: What a user who still has to set up two-factor login may reach.
GATE_OPEN = {
    "two_factor.setup",
    "two_factor.login_code",
    "auth.logout",
    "main.language",
    "main.healthz",
    "static",
}


# --- the code step after the password ------------------------------------------------------------


def begin_code_step(
    user: User,
    remember: bool,
    next_url: str | None,
    rescue_target: str | None,
    fields: list[tuple[str, str]],
) -> ResponseReturnValue:
    """The password was right: remember who is half logged in and ask for the code. Wrong codes
    are counted in the database from here on (``User.totp_failures``), not in this cookie."""
    two_factor.reset_failures(user)
    db.session.commit()
    session[PENDING] = {"uid": user.id, "remember": remember, "at": int(time.time())}
    return _code_page(CodeForm(formdata=None), next_url, rescue_target, fields)


def _code_page(
    form: CodeForm,
    next_url: str | None,
    rescue_target: str | None,
    fields: list[tuple[str, str]],
    status: int = 200,
) -> ResponseReturnValue:
    return render_template(
        "two_factor/login_code.html",
        form=form,
        next_url=next_url,
        rescue_target=rescue_target,
        rescue_fields=rescue.carried_on_login(fields),
    ), status


def _pending_user() -> tuple[User | None, dict]:
    pending = session.get(PENDING) or {}
    if not pending or time.time() - pending.get("at", 0) > PENDING_SECONDS:
        return None, {}
    user = db.session.get(User, pending["uid"])
    if user is None or not user.is_active or not two_factor.enabled(user):
        return None, {}
    return user, pending


@bp.route("/login/code", methods=["GET", "POST"])
@limiter.limit(login_limit, methods=["POST"], deduct_when=failed)
def login_code() -> ResponseReturnValue:
    next_url = safe_next(request.values.get("next"))
    if current_user.is_authenticated:
        return redirect(next_url or url_for("main.home"))
    user, pending = _pending_user()
    if user is None:
        session.pop(PENDING, None)
        flash(_("Log opnieuw in: de tijd om de code in te vullen is voorbij."), "info")
        return redirect(url_for("auth.login", next=next_url))
    form = CodeForm()
    target, fields = rescue.carried_fields() if request.method == "POST" else (None, [])
    if not form.validate_on_submit():
        return _code_page(form, next_url, target, fields, 400 if request.method == "POST" else 200)
    now = utcnow()
    if user.totp_failures >= MAX_TRIES:  # an older cookie replayed after the limit
        return _too_many(next_url)
    by_app = two_factor.check_login_code(user, form.code.data, now)
    by_recovery = not by_app and two_factor.check_recovery_code(user, form.code.data, now)
    if not (by_app or by_recovery):
        return _wrong_code(user, form, next_url, target, fields)
    session.pop(PENDING, None)
    two_factor.reset_failures(user)
    audit.record(db.session, user, "login", user, two_factor=True, recovery_code=by_recovery)
    db.session.commit()
    sessions.start(user, remember=pending["remember"])
    if target:
        return rescue.resubmit_page(target, fields)
    return redirect(next_url or url_for("main.home"))


def _too_many(next_url: str | None) -> ResponseReturnValue:
    session.pop(PENDING, None)
    flash(_("Te vaak een verkeerde code. Log opnieuw in."), "error")
    return redirect(url_for("auth.login", next=next_url))


def _wrong_code(
    user: User,
    form: CodeForm,
    next_url: str | None,
    target: str | None,
    fields: list[tuple[str, str]],
) -> ResponseReturnValue:
    failures = two_factor.count_failure(db.session, user)
    audit.record(db.session, user, "login_code_failed", user)
    db.session.commit()
    count_failure()
    if failures >= MAX_TRIES:
        return _too_many(next_url)
    form.code.errors.append(
        _("Deze code klopt niet of is al gebruikt. Wacht op de volgende code in je app.")
    )
    return _code_page(form, next_url, target, fields, 400)


# --- setting it up and switching it off ----------------------------------------------------------


@bp.route("/settings/two-factor", methods=["GET", "POST"])
@login_required
def setup() -> ResponseReturnValue:
    if two_factor.enabled(current_user):
        return render_template(
            "two_factor/setup.html",
            form=CodeForm(),
            required=two_factor.required(current_user),
            codes_form=CodeForm(prefix="recovery", formdata=None),
            codes_left=recovery_codes.remaining(db.session, current_user),
        )
    secret = session.get(SETUP_SECRET) or two_factor.new_secret()
    session[SETUP_SECRET] = secret
    form = CodeForm()
    if form.validate_on_submit():
        if two_factor.enable(db.session, current_user, secret, form.code.data, utcnow()):
            codes = recovery_codes.new_codes(db.session, current_user, now=utcnow())
            audit.record(db.session, current_user, "two_factor.enable", current_user)
            db.session.commit()
            session.pop(SETUP_SECRET, None)
            flash(_("Inloggen in twee stappen staat aan."), "success")
            return _show_codes(codes)
        form.code.errors.append(
            _("Deze code hoort niet bij de code hierboven. Kijk of de tijd op je telefoon klopt.")
        )
    uri = two_factor.provisioning_uri(secret, current_user.email)
    return render_template(
        "two_factor/setup.html",
        form=form,
        required=two_factor.required(current_user),
        secret=two_factor.grouped(secret),
        qr=two_factor.qr_svg(uri, _("QR-code om in je app te scannen")),
    ), 400 if form.errors else 200


def _show_codes(codes: list[str]) -> ResponseReturnValue:
    """The codes, this once: they are stored only as hashes. Never cached by the browser."""
    response = make_response(render_template("two_factor/recovery_codes.html", codes=codes))
    response.headers["Cache-Control"] = "no-store"
    return response


@bp.post("/settings/two-factor/recovery-codes")
@login_required
def new_recovery_codes() -> ResponseReturnValue:
    """Ten new codes (the old ones stop working); a code from the app first."""
    form = CodeForm(prefix="recovery")
    if not two_factor.enabled(current_user):
        return redirect(url_for("two_factor.setup"))
    if form.validate_on_submit() and two_factor.check_login_code(
        current_user, form.code.data, utcnow()
    ):
        codes = recovery_codes.new_codes(db.session, current_user, now=utcnow())
        audit.record(db.session, current_user, "two_factor.recovery_codes", current_user)
        db.session.commit()
        return _show_codes(codes)
    db.session.commit()
    form.code.errors = [*form.code.errors, _("Deze code klopt niet of is al gebruikt.")]
    return render_template(
        "two_factor/setup.html",
        form=CodeForm(formdata=None),
        codes_form=form,
        required=two_factor.required(current_user),
        codes_left=recovery_codes.remaining(db.session, current_user),
    ), 400


@bp.post("/settings/two-factor/disable")
@login_required
def disable() -> ResponseReturnValue:
    form = CodeForm()
    required = two_factor.required(current_user)
    if not required and form.validate_on_submit():
        if two_factor.check_login_code(current_user, form.code.data, utcnow()):
            two_factor.disable(db.session, current_user)
            audit.record(db.session, current_user, "two_factor.disable", current_user)
            db.session.commit()
            flash(_("Inloggen in twee stappen staat uit."), "success")
            return redirect(url_for("settings.show"))
        form.code.errors.append(_("Deze code klopt niet of is al gebruikt."))
    if required:
        flash(_("Voor jouw rol is inloggen in twee stappen verplicht."), "error")
        return redirect(url_for("two_factor.setup"))
    return render_template("two_factor/setup.html", form=form, required=required), 400


@bp.before_app_request
def require_two_factor() -> ResponseReturnValue | None:
    """Users of a role that needs two-factor login set it up before they see anything else."""
    if request.endpoint in GATE_OPEN or not current_user.is_authenticated:
        return None
    if two_factor.required(current_user) and not two_factor.enabled(current_user):
        return redirect(url_for("two_factor.setup"))
    return None
