"""User and team services: plain functions taking the session first; they flush, never commit."""

from __future__ import annotations

import re
from datetime import date, datetime

from flask_babel import lazy_gettext as _l
from sqlalchemy import func, select
from sqlalchemy.orm import Session
from werkzeug.security import check_password_hash, generate_password_hash

from portal.accounts.password_rule import MIN_PASSWORD_LENGTH as MIN_PASSWORD_LENGTH
from portal.accounts.password_rule import PasswordRuleError, check_password
from portal.models import Role, Team, User

EMAIL_RE = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
# Compared against when the e-mail is unknown, so a wrong e-mail costs as long as a wrong password.
_DUMMY_HASH = generate_password_hash("not-a-real-password", method="scrypt")


class UserError(ValueError):
    """A request that cannot be carried out; the message is fit to show the user."""


def normalise_email(email: str) -> str:
    return email.strip().lower()


def find_user(session: Session, email: str) -> User | None:
    return session.scalar(select(User).where(User.email == normalise_email(email)))


def user_count(session: Session) -> int:
    return session.scalar(select(func.count(User.id))) or 0


def check_password_rules(password: str, email: str | None = None) -> None:
    """The one password rule (``password_rule``), as a :class:`UserError`."""
    try:
        check_password(password, email)
    except PasswordRuleError as error:
        raise UserError(error.args[0]) from error


def create_user(
    session: Session,
    email: str,
    name: str,
    roles: set[str],
    *,
    password: str | None = None,
    teams: list[Team] = (),
    locale: str = "nl",
) -> User:
    email = normalise_email(email)
    if not EMAIL_RE.match(email):
        raise UserError(_l("'%(email)s' is geen geldig e-mailadres.", email=email))
    if not name.strip():
        raise UserError(_l("Vul een naam in."))
    unknown = set(roles) - {r.value for r in Role}
    if unknown:
        raise UserError(_l("Onbekende rol: %(roles)s.", roles=", ".join(sorted(unknown))))
    if not roles:
        raise UserError(_l("Geef minstens één rol."))
    if find_user(session, email) is not None:
        raise UserError(_l("Er bestaat al een account met e-mailadres %(email)s.", email=email))
    user = User(email=email, display_name=name.strip(), roles=set(roles), locale=locale)
    if password is not None:
        check_password_rules(password, email)
        user.set_password(password)
    for team in teams:
        user.teams.append(team)
        if Role.COACH in roles:
            user.coached_teams.append(team)
    session.add(user)
    session.flush()
    return user


def authenticate(session: Session, email: str, password: str, *, now: datetime) -> User | None:
    """The user for these credentials, or None; the same work whether the e-mail exists or not."""
    user = find_user(session, email)
    if user is None or not user.password_hash:
        check_password_hash(_DUMMY_HASH, password)
        return None
    if not user.check_password(password) or not user.active:
        return None
    user.last_login_at = now
    session.flush()
    return user


def set_password(session: Session, user: User, password: str) -> None:
    check_password_rules(password, user.email)
    user.set_password(password)
    session.flush()


def find_team(session: Session, name: str) -> Team | None:
    return session.scalar(select(Team).where(func.lower(Team.name) == name.strip().lower()))


def create_team(session: Session, name: str, *, start: date | None, length_days: int = 14) -> Team:
    if not name.strip():
        raise UserError(_l("Vul een teamnaam in."))
    if length_days < 1:
        raise UserError(_l("De lengte van een ronde moet minstens 1 dag zijn."))
    if find_team(session, name) is not None:
        raise UserError(_l("Er bestaat al een team met de naam %(name)s.", name=name.strip()))
    team = Team(name=name.strip(), cycle_start=start, cycle_length_days=length_days)
    session.add(team)
    session.flush()
    return team
