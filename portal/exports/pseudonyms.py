"""Pseudonyms in exports: a keyed hash (HMAC-SHA256) with a key of its own, ``PSEUDONYM_KEY``.

The same person gets the same ``P-…`` in every export, and nobody can go back from a pseudonym to
the person without the key. The key is not ``SECRET_KEY``, so rotating the session key does not
change the pseudonyms."""

from __future__ import annotations

import hashlib
import hmac
from collections.abc import Mapping
from typing import Any

from flask_babel import lazy_gettext as _l


class PseudonymKeyMissing(RuntimeError):
    """No ``PSEUDONYM_KEY`` is set; the message says where to put it."""

    def __init__(self) -> None:
        super().__init__(
            _l(
                "PSEUDONYM_KEY ontbreekt. Zet een lange willekeurige sleutel in instance/config.py "
                "of in de omgevingsvariabele PSEUDONYM_KEY ('make run' schrijft er een); zonder "
                "sleutel maakt het portaal geen exports."
            )
        )


def pseudonym_key(config: Mapping[str, Any]) -> bytes:
    key = config.get("PSEUDONYM_KEY")
    if not key:
        raise PseudonymKeyMissing()
    return str(key).encode()


def _digest(key: bytes, what: str) -> str:
    """48 bits of the HMAC in upper-case hex: no collision in any realistic portal."""
    return hmac.digest(key, what.encode(), hashlib.sha256)[:6].hex().upper()


def person(key: bytes, user_id: int) -> str:
    """``P-…``: a portal user (klantmanager, verhalenbegeleider, interpreter)."""
    return f"P-{_digest(key, f'person:{user_id}')}"


def story(key: bytes, story_id: int) -> str:
    """``S-…``: a story, so the interpretations of one story can be grouped."""
    return f"S-{_digest(key, f'story:{story_id}')}"
