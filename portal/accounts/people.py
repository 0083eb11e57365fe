"""The beheerder's work on people (``/admin/users``): list and search, invite, edit roles and
teams, deactivate and reactivate. Plain functions taking the session first; they flush, the view
commits once. Nobody is ever deleted here: a person who wrote stories stays, deactivated."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from flask_babel import lazy_gettext as _l
from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from portal.accounts import link_mail, passwords, sessions
from portal.accounts.users import UserError, create_user
from portal.core.pagination import Page, paginate
from portal.models import OutboxMessage, PasswordLink, Role, Team, User, UserRole

PER_PAGE = 25
STATUSES = ("active", "inactive", "invited", "all")


@dataclass
class PeopleFilter:
    q: str = ""
    role: str = ""
    status: str = "active"


def list_people(session: Session, flt: PeopleFilter, *, page: int) -> Page:
    """One page of people, by name; ``q`` searches name and e-mail address."""
    query = select(User).order_by(func.lower(User.display_name), User.id)
    if flt.q.strip():
        like = f"%{flt.q.strip().lower()[:100]}%"
        query = query.where(
            or_(func.lower(User.display_name).like(like), func.lower(User.email).like(like))
        )
    if flt.role in {r.value for r in Role}:
        query = query.where(
            select(UserRole.id)
            .where(UserRole.user_id == User.id, UserRole.role == flt.role)
            .exists()
        )
    if flt.status == "active":
        query = query.where(User.active.is_(True))
    elif flt.status == "inactive":
        query = query.where(User.active.is_(False))
    elif flt.status == "invited":
        query = query.where(User.active.is_(True), User.password_hash.is_(None))
    return paginate(session, query, page=page, per_page=PER_PAGE)


def open_invitations(
    session: Session, user_ids: Iterable[int], *, now: datetime
) -> dict[int, datetime]:
    """For each of ``user_ids`` with an invitation that still works: when it expires (one query)."""
    ids = list(user_ids)
    if not ids:
        return {}
    rows = session.execute(
        select(PasswordLink.user_id, func.max(PasswordLink.expires_at))
        .where(
            PasswordLink.user_id.in_(ids),
            PasswordLink.purpose == passwords.INVITE,
            PasswordLink.used_at.is_(None),
            PasswordLink.expires_at > now,
        )
        .group_by(PasswordLink.user_id)
    )
    return {user_id: expires for user_id, expires in rows}


def _teams(session: Session, team_ids: Iterable[int]) -> list[Team]:
    ids = sorted({int(i) for i in team_ids})
    if not ids:
        return []
    teams = list(session.scalars(select(Team).where(Team.id.in_(ids)).order_by(Team.name)))
    if len(teams) != len(ids):
        raise UserError(_l("Dit team bestaat niet (meer)."))
    return teams


def send_link(session: Session, user: User, *, now: datetime) -> OutboxMessage:
    """A new set-password link by mail: an invitation while no password was set, else a reset.
    Older links of the user stop working."""
    if not user.active:
        raise UserError(_l("Dit account is uitgeschakeld. Zet het eerst weer aan."))
    purpose = passwords.INVITE if user.password_hash is None else passwords.RESET
    link, token = passwords.issue_link(session, user, purpose, now=now)
    return link_mail.queue_link_mail(session, user, link, token, now=now)


def invite(
    session: Session,
    *,
    email: str,
    name: str,
    roles: set[str],
    team_ids: Iterable[int] = (),
    locale: str = "nl",
    now: datetime,
) -> tuple[User, OutboxMessage]:
    """A new account without a password, and the mail with its set-password link (72 h)."""
    user = create_user(session, email, name, roles, teams=_teams(session, team_ids), locale=locale)
    return user, send_link(session, user, now=now)


def _active_beheerders(session: Session) -> int:
    return (
        session.scalar(
            select(func.count(User.id)).where(
                User.active.is_(True),
                select(UserRole.id)
                .where(UserRole.user_id == User.id, UserRole.role == Role.BEHEERDER)
                .exists(),
            )
        )
        or 0
    )


def update_person(
    session: Session,
    actor: User,
    user: User,
    *,
    name: str,
    roles: set[str],
    team_ids: Iterable[int],
    coached_team_ids: Iterable[int],
) -> None:
    """New name, roles and teams. A beheerder cannot take away their own beheerder role, and
    the portal keeps at least one active beheerder. Coaching a team needs the coach role."""
    if not name.strip():
        raise UserError(_l("Vul een naam in."))
    if not roles:
        raise UserError(_l("Geef minstens één rol."))
    unknown = set(roles) - {r.value for r in Role}
    if unknown:
        raise UserError(_l("Onbekende rol: %(roles)s.", roles=", ".join(sorted(unknown))))
    losing_admin = user.has_role(Role.BEHEERDER) and Role.BEHEERDER not in roles
    if losing_admin and user.id == actor.id:
        raise UserError(_l("Je kunt je eigen rol van beheerder niet weghalen."))
    if losing_admin and user.active and _active_beheerders(session) <= 1:
        raise UserError(_l("Het portaal heeft minstens één actieve beheerder nodig."))
    coached = _teams(session, coached_team_ids)
    if coached and Role.COACH not in roles:
        raise UserError(_l("Alleen een teamcoach kan een team coachen: geef ook de rol teamcoach."))
    user.display_name = name.strip()[:120]
    user.roles = set(roles)
    user.teams = _teams(session, team_ids)
    user.coached_teams = coached
    session.flush()


def deactivate(session: Session, actor: User, user: User) -> None:
    """Switch the account off: the person can no longer log in, no mail goes to them, and
    everything they wrote stays. Not yourself, and not the last active beheerder."""
    if user.id == actor.id:
        raise UserError(_l("Je kunt je eigen account niet uitschakelen."))
    if not user.active:
        return
    if user.has_role(Role.BEHEERDER) and _active_beheerders(session) <= 1:
        raise UserError(_l("Het portaal heeft minstens één actieve beheerder nodig."))
    user.active = False
    sessions.end_sessions(user)  # every session and remember-me cookie stops at its next request
    session.flush()


def reactivate(session: Session, user: User) -> None:
    """Switch the account on again; sessions from before the deactivation stay ended."""
    user.active = True
    session.flush()
