"""The TOTP secret encrypted at rest (Fernet: AES-128-CBC with an HMAC-SHA256), with a key from
the settings: ``TOTP_ENCRYPTION_KEY`` (any string; a key is derived from it), or, when that is not
set, one derived from ``SECRET_KEY``. A stored value starts with ``f1:``; a value without it is a
secret stored before encryption, read as it is and sealed again at its next use."""

from __future__ import annotations

import base64
import hashlib

from cryptography.fernet import Fernet, InvalidToken
from flask import current_app

PREFIX = "f1:"


def _fernet() -> Fernet:
    key = current_app.config.get("TOTP_ENCRYPTION_KEY") or (
        "from-secret-key:" + current_app.config["SECRET_KEY"]
    )
    digest = hashlib.sha256(b"reflectieportaal-totp\0" + key.encode()).digest()
    return Fernet(base64.urlsafe_b64encode(digest))


def seal(secret: str) -> str:
    return PREFIX + _fernet().encrypt(secret.encode()).decode()


def is_sealed(stored: str | None) -> bool:
    return bool(stored) and stored.startswith(PREFIX)


def unseal(stored: str | None) -> str | None:
    """The secret, or None when nothing is stored or the key does not open it (a changed key)."""
    if not stored:
        return None
    if not stored.startswith(PREFIX):
        return stored
    try:
        return _fernet().decrypt(stored[len(PREFIX) :].encode()).decode()
    except InvalidToken:
        current_app.logger.error(
            "a TOTP secret could not be decrypted: was TOTP_ENCRYPTION_KEY changed?"
        )
        return None
