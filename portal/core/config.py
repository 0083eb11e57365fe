"""Settings: defaults here, then ``instance/config.py``, then environment variables of the same name."""

from __future__ import annotations

import os
from pathlib import Path

from flask import Flask

#: Settings that may come from the environment, with the type to parse them as.
ENV_SETTINGS: dict[str, type] = {
    "SECRET_KEY": str,
    "DATABASE_URL": str,
    "MAIL_SERVER": str,
    "MAIL_PORT": int,
    "MAIL_USE_TLS": bool,
    "MAIL_USE_SSL": bool,
    "MAIL_USERNAME": str,
    "MAIL_PASSWORD": str,
    "MAIL_DEFAULT_SENDER": str,
    "MAIL_HOSTNAME": str,
    "PORTAL_BASE_URL": str,
    "RATELIMIT_STORAGE_URI": str,
    "MAX_CONTENT_LENGTH": int,
    "SESSION_COOKIE_SECURE": bool,
    "LOGIN_RATE_LIMIT": str,
    "LOGIN_EMAIL_RATE_LIMIT": str,
    "PROXY_COUNT": int,
    "REMINDER_DAYS_BEFORE_END": int,
    "RETENTION_DAYS": int,
    "TWO_FACTOR_ROLES": tuple,
    "INVITE_LINK_HOURS": int,
    "TOTP_ENCRYPTION_KEY": str,
    "ORGANISATION_NAME": str,
    "ORGANISATION_LOGO": str,
    "PRIVACY_CONTACT": str,
    "PRIVACY_OFFICER": str,
    "ACCESSIBILITY_CONTACT": str,
    "ACCESSIBILITY_CHECKED_ON": str,
    "IDLE_MINUTES": int,
    "RESET_LINK_MINUTES": int,
    "MIN_GROUP_SIZE": int,
    "PSEUDONYM_KEY": str,
    "IMPORT_MAX_BYTES": int,
}


class Defaults:
    SECRET_KEY: str | None = None
    DATABASE_URL: str | None = None
    SQLALCHEMY_DATABASE_URI: str | None = None
    SQLALCHEMY_ECHO = False
    BABEL_DEFAULT_LOCALE = "nl"
    BABEL_DEFAULT_TIMEZONE = "Europe/Amsterdam"
    LANGUAGES = ("nl", "en")
    MAX_CONTENT_LENGTH = 1024 * 1024
    SESSION_COOKIE_SECURE: bool | None = None  # None: secure unless debugging or testing
    SESSION_COOKIE_HTTPONLY = True
    SESSION_COOKIE_SAMESITE = "Lax"
    REMEMBER_COOKIE_HTTPONLY = True
    REMEMBER_COOKIE_SAMESITE = "Lax"
    WTF_CSRF_TIME_LIMIT = 8 * 3600
    RATELIMIT_STORAGE_URI = "memory://"
    RATELIMIT_HEADERS_ENABLED = True
    #: Failed logins per address, and per e-mail address tried (successful logins never count).
    LOGIN_RATE_LIMIT = "10 per minute"
    LOGIN_EMAIL_RATE_LIMIT = "10 per minute"
    MAIL_SERVER = "console"
    MAIL_PORT = 25
    MAIL_USE_TLS = False
    MAIL_USE_SSL = False
    MAIL_USERNAME: str | None = None
    MAIL_PASSWORD: str | None = None
    MAIL_DEFAULT_SENDER = "Reflectieportaal <no-reply@localhost>"
    #: The portal's own name towards the mail server (EHLO) and in Message-IDs; empty: the host of
    #: PORTAL_BASE_URL.
    MAIL_HOSTNAME = ""
    PORTAL_BASE_URL = "http://127.0.0.1:5000"
    #: The reminder goes out this many days before a cycle's last day (if nothing was written).
    REMINDER_DAYS_BEFORE_END = 3
    #: An invitation's set-password link works this long; a reset link (``/password/forgot``)
    #: this many minutes. Both work once.
    INVITE_LINK_HOURS = 72
    RESET_LINK_MINUTES = 60
    #: Reset requests per address tried and per client address (``/password/forgot``).
    PASSWORD_RESET_RATE_LIMIT = "5 per hour"
    PASSWORD_RESET_IP_RATE_LIMIT = "30 per hour"
    #: ``retention run`` deletes withdrawn stories for good this many days after the withdrawal.
    RETENTION_DAYS = 30
    #: Roles that must log in with a code from an app. None: verhalenbegeleider and onderzoeker
    #: (DESIGN §9), except in debug and test runs; an empty tuple: nobody.
    TWO_FACTOR_ROLES: tuple[str, ...] | None = None
    #: The key the TOTP secrets are encrypted with (any string); None: derived from SECRET_KEY.
    #: Changing it makes stored secrets unreadable: those users set up two-factor login again.
    TOTP_ENCRYPTION_KEY: str | None = None
    #: Charts show nobody but onderzoekers a group of fewer stories than this (DESIGN §7).
    MIN_GROUP_SIZE = 5
    #: The key of the pseudonyms in exports (``P-…``), apart from SECRET_KEY so that rotating the
    #: session key keeps every pseudonym; exports and imports refuse to run without it.
    PSEUDONYM_KEY: str | None = None
    #: The largest CSV file ``/import`` takes.
    IMPORT_MAX_BYTES = 5 * 1024 * 1024
    #: The organisation that runs the portal, in the header, the mails and the consent form; an
    #: optional logo file in the instance folder (e.g. ``logo.svg``), shown beside the name.
    ORGANISATION_NAME = ""
    ORGANISATION_LOGO = ""
    #: Who to ask about privacy (an address or e-mail) and the data protection officer, on /privacy.
    PRIVACY_CONTACT = ""
    PRIVACY_OFFICER = ""
    #: The contact and the date of the last check for the accessibility statement (/accessibility).
    ACCESSIBILITY_CONTACT = ""
    ACCESSIBILITY_CHECKED_ON = ""
    #: Minutes without a request after which a session ends (a warning comes a few minutes before).
    IDLE_MINUTES = 30
    #: Reverse proxies in front of the app whose X-Forwarded-* headers are trusted (0: none).
    PROXY_COUNT = 0


def _parse(value: str, kind: type) -> object:
    if kind is bool:
        return value.strip().lower() in {"1", "true", "yes", "on"}
    if kind is tuple:
        return tuple(part.strip() for part in value.split(",") if part.strip())
    return kind(value)


def load_config(app: Flask, test_config: dict | None) -> None:
    """Fill ``app.config``; the order decides who wins (later wins)."""
    app.config.from_object(Defaults)
    if test_config is None:
        app.config.from_pyfile("config.py", silent=True)
        for name, kind in ENV_SETTINGS.items():
            if name in os.environ:
                app.config[name] = _parse(os.environ[name], kind)
    else:
        app.config.update(test_config)

    if not app.config.get("SQLALCHEMY_DATABASE_URI"):
        app.config["SQLALCHEMY_DATABASE_URI"] = app.config.get("DATABASE_URL") or (
            "sqlite:///" + str(Path(app.instance_path) / "portal.sqlite3")
        )
    if app.config.get("SESSION_COOKIE_SECURE") is None:
        app.config["SESSION_COOKIE_SECURE"] = not (app.debug or app.testing)
    app.config["REMEMBER_COOKIE_SECURE"] = app.config["SESSION_COOKIE_SECURE"]
    _require_secret_key(app)


def _require_secret_key(app: Flask) -> None:
    if app.config.get("SECRET_KEY"):
        return
    if app.debug or app.testing:
        app.config["SECRET_KEY"] = os.urandom(32).hex()
        app.logger.warning("No SECRET_KEY set; using a random one for this debug run.")
        return
    raise RuntimeError(
        "SECRET_KEY is not set. Put it in instance/config.py or the SECRET_KEY environment "
        "variable (make run writes one for you)."
    )
