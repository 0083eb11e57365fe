"""Nothing lost: when a session or CSRF token expired, a posted form comes back with its text.

Views that take long texts are marked ``@rescuable``. When such a POST fails because the
CSRF token expired or the user is no longer logged in, the fields are not thrown away: a logged-in
user gets them back on a page that posts them again with a fresh token; a logged-out user gets the
login form carrying them, and after logging in that same page."""

from __future__ import annotations

from collections.abc import Callable

from flask import Flask, current_app, render_template, request
from flask.typing import ResponseReturnValue
from flask_login import current_user
from flask_wtf.csrf import CSRFError

from portal.core.errors import csrf_expired
from portal.core.security import safe_next
from portal.views.auth.forms import LoginForm

SKIP = {"csrf_token"}
PREFIX = "rescue-"


def rescuable(view: Callable) -> Callable:
    view.rescuable = True  # type: ignore[attr-defined]
    return view


def _is_rescuable_request() -> bool:
    if request.method != "POST" or request.endpoint is None:
        return False
    view = current_app.view_functions.get(request.endpoint)
    return bool(getattr(view, "rescuable", False))


def posted_fields() -> list[tuple[str, str]]:
    return [(k, v) for k, v in request.form.items(multi=True) if k not in SKIP]


def carried_fields() -> tuple[str | None, list[tuple[str, str]]]:
    """The target and fields a login form carries (prefixed, so they never clash)."""
    target = safe_next(request.form.get("rescue_target"))
    fields = [
        (k.removeprefix(PREFIX), v)
        for k, v in request.form.items(multi=True)
        if k.startswith(PREFIX)
    ]
    return target, fields


def carried_on_login(fields: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """The fields as the login forms carry them (see :func:`carried_fields`)."""
    return [(PREFIX + k, v) for k, v in fields]


def resubmit_page(
    target: str, fields: list[tuple[str, str]], status: int = 200
) -> ResponseReturnValue:
    long_texts = [v for _, v in fields if len(v) > 40 or "\n" in v]
    return (
        render_template("rescue/resubmit.html", target=target, fields=fields, texts=long_texts),
        status,
    )


def rescue_response() -> ResponseReturnValue | None:
    """A response that keeps the posted text, or None when this request is not rescuable."""
    if not _is_rescuable_request():
        return None
    fields = posted_fields()
    if current_user.is_authenticated:
        return resubmit_page(request.path, fields, status=400)
    form = LoginForm(formdata=None)
    return (
        render_template(
            "auth/login.html",
            form=form,
            next_url=None,
            rescue_target=request.path,
            rescue_fields=carried_on_login(fields),
            session_expired=True,
        ),
        401,
    )


def _csrf_error(error: CSRFError) -> ResponseReturnValue:
    rescued = rescue_response()
    return rescued if rescued is not None else csrf_expired(error)


def init_rescue(app: Flask) -> None:
    """An expired CSRF token on a rescuable form returns the form with its text."""
    app.register_error_handler(CSRFError, _csrf_error)
