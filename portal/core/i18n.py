"""Language choice and locale-aware formatting (Dutch first, English complete)."""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

from flask import Flask, current_app, has_request_context, session
from flask_babel import format_date, format_datetime, get_locale
from flask_login import current_user

from portal.core.extensions import babel


def local_date(now: datetime) -> date:
    """The date of ``now`` in the portal's time zone (for dates not tied to one team's zone)."""
    return now.astimezone(ZoneInfo(current_app.config["BABEL_DEFAULT_TIMEZONE"])).date()


def supported(locale: str | None) -> bool:
    return locale in current_app.config["LANGUAGES"]


def select_locale() -> str:
    """The user's own choice, else the choice made while logged out, else Dutch."""
    if not has_request_context():
        return current_app.config["BABEL_DEFAULT_LOCALE"]
    user_locale = getattr(current_user, "locale", None) if current_user else None
    if supported(user_locale):
        return user_locale
    chosen = session.get("locale")
    if supported(chosen):
        return chosen
    return current_app.config["BABEL_DEFAULT_LOCALE"]


def current_locale() -> str:
    """The language of this request as a plain string ("nl" or "en")."""
    return str(get_locale() or current_app.config["BABEL_DEFAULT_LOCALE"])


def long_date(value: date | datetime | None) -> str:
    return format_date(value, "d MMMM y") if value else ""


def short_datetime(value: datetime | None) -> str:
    return format_datetime(value, "d MMM y, HH:mm") if value else ""


def init_i18n(app: Flask) -> None:
    babel.init_app(app, locale_selector=select_locale)
    app.jinja_env.filters["long_date"] = long_date
    app.jinja_env.filters["short_datetime"] = short_datetime
