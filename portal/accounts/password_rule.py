"""The one password rule (issue 16): at least 12 characters, not the e-mail address, and not in the
list of common passwords shipped with the portal (``common_passwords.txt``). Every place that sets a
password (setup, set-password links, own password change, the command line, demo) asks it."""

from __future__ import annotations

from functools import cache
from pathlib import Path

from flask_babel import LazyString
from flask_babel import lazy_gettext as _l

MIN_PASSWORD_LENGTH = 12
_LIST = Path(__file__).with_name("common_passwords.txt")


class PasswordRuleError(ValueError):
    """The password breaks the rule; ``args[0]`` is the message (lazy, translated when shown)."""


@cache
def common_passwords() -> frozenset[str]:
    lines = _LIST.read_text(encoding="utf-8").splitlines()
    return frozenset(line.strip().lower() for line in lines if line.strip() and line[0] != "#")


def password_problem(password: str, email: str | None = None) -> LazyString | None:
    """What is wrong with ``password`` (a message, translated when shown), or None."""
    if len(password) < MIN_PASSWORD_LENGTH:
        return _l("Kies een wachtwoord van minstens %(n)s tekens.", n=MIN_PASSWORD_LENGTH)
    folded = password.strip().lower()
    if email and folded in {email.strip().lower(), email.strip().lower().split("@")[0]}:
        return _l("Kies een wachtwoord dat niet je e-mailadres is.")
    if folded in common_passwords():
        return _l("Dit wachtwoord is te bekend en makkelijk te raden. Kies een ander.")
    return None


def check_password(password: str, email: str | None = None) -> None:
    """Raise :class:`PasswordRuleError` when ``password`` breaks the rule."""
    problem = password_problem(password, email)
    if problem is not None:
        raise PasswordRuleError(problem)
