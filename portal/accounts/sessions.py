"""Sessions that end server-side, and a fresh session at every login and logout.

Every login carries the user's ``session_version`` (``User.get_id()`` is ``"<id>:<version>"``, kept
in the Flask session and signed into the remember-me cookie); the user loader accepts it only while
it equals the stored version. ``end_sessions`` raises the version, so every session and remember-me
cookie of that person stops working on its next request, in every browser and on every worker.

``start`` and ``end`` clear the Flask session (keeping only the chosen language) and so rotate the
CSRF token: nothing of one visitor (a two-factor set-up secret, a token) reaches the next."""

from __future__ import annotations

from flask import g, session
from flask_login import login_user, logout_user

from portal.core.extensions import db
from portal.models import User

#: Session keys that survive a login or logout: the language chosen on the login page.
KEEP = ("locale",)


def end_sessions(user: User) -> None:
    """End every session and remember-me cookie of ``user`` (logout, new password, two-factor reset,
    deactivation); the caller commits. To stay logged in in the current browser (a password change
    by the user), call ``start(user)`` after the commit."""
    user.session_version = (user.session_version or 1) + 1
    db.session.flush()


def load_user(user_id: str) -> User | None:
    """Flask-Login's user loader: an active user whose session version is the current one."""
    ident, _, version = user_id.partition(":")
    if not ident.isdigit() or not version.isdigit() or len(ident) > 18 or len(version) > 18:
        return None
    user = db.session.get(User, int(ident))
    if user is None or not user.active or user.session_version != int(version):
        return None
    return user


def _fresh_session() -> None:
    kept = {key: session[key] for key in KEEP if key in session}
    session.clear()
    session.update(kept)
    g.pop("csrf_token", None)  # Flask-WTF's per-request cache: the next form gets a new token


def start(user: User, *, remember: bool = False) -> None:
    """Log ``user`` in on a cleared session (new CSRF token, nothing of the visitor before)."""
    _fresh_session()
    login_user(user, remember=remember)


def prepare() -> None:
    """Clear the session before a half-finished login (the two-factor step) is kept in it."""
    _fresh_session()


def end() -> None:
    """Log out in this browser: the session is cleared and the remember-me cookie removed."""
    _fresh_session()
    logout_user()
