"""The fictional Demoteam: accounts for every role (DESIGN §8)."""

from __future__ import annotations

import secrets
from dataclasses import dataclass, field
from datetime import date, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from portal.accounts import users
from portal.cycles import participation
from portal.cycles.schedule import cycle_bounds, cycle_number, ensure_cycle
from portal.demo.interviews import add_demo_interviews
from portal.demo.observations import add_demo_observation, bring_demo_observation_into_session
from portal.demo.stories import add_demo_stories
from portal.demo.team_sessions import add_demo_sessions
from portal.models import Cycle, CycleSkip, Role, Team, User

DEMO_TEAM = "Demoteam"
DEMO_NAMES = [
    "Anouk de Vries",
    "Bram Jansen",
    "Fatima el Amrani",
    "Joost van Dijk",
    "Lotte Bakker",
    "Mehmet Yilmaz",
    "Sanne Visser",
    "Wouter de Boer",
]

#: (klantmanager index, cycle number, reason, note): rounds some demo klantmanagers skip, so the
#: participation grid shows written, skipped and missing rounds.
DEMO_SKIPS = [
    (2, 2, "vakantie", "Twee weken naar familie."),
    (5, 4, "ziek", ""),
    (7, 6, "anders", "Inwerkweek voor twee nieuwe collega's."),
]


#: Demo klantmanagers who gave no research consent: the onderzoeker never sees their stories.
NO_RESEARCH_CONSENT = {"km8@demo.example"}

#: Reflections a new Demoteam gets: enough for lists, the grid and patterns to look real.
DEFAULT_STORIES = 300


@dataclass
class DemoResult:
    password: str
    password_generated: bool
    created: list[str] = field(default_factory=list)
    team_created: bool = False
    stories_added: int = 0
    interviews_added: int = 0
    skips_added: int = 0
    sessions_added: int = 0
    observations_added: int = 0

    def report(self) -> list[str]:
        lines = [f"Team {DEMO_TEAM!r} " + ("created." if self.team_created else "already there.")]
        lines += [f"Created {email}" for email in self.created]
        if not self.created:
            lines.append("All demo accounts already exist.")
        elif self.password_generated:
            lines.append(f"Password for the new demo accounts: {self.password}")
        if self.stories_added:
            lines.append(f"Added {self.stories_added} reflections.")
        if self.skips_added:
            lines.append(f"Recorded {self.skips_added} skipped rounds.")
        if self.sessions_added:
            lines.append(f"Added {self.sessions_added} team sessions (one closed, one planned).")
        if self.interviews_added:
            lines.append(f"Added {self.interviews_added} interviews with consent.")
        return lines


def _accounts() -> list[tuple[str, str, set[str]]]:
    rows = [
        (f"km{i}@demo.example", name, {Role.KLANTMANAGER}) for i, name in enumerate(DEMO_NAMES, 1)
    ]
    rows += [
        ("coach@demo.example", "Carla Hoekstra", {Role.COACH}),
        ("vb1@demo.example", "Yonas Tesfay", {Role.VERHALENBEGELEIDER}),
        ("vb2@demo.example", "Rania Haddad", {Role.VERHALENBEGELEIDER}),
        ("onderzoeker@demo.example", "Dr. Eva Mulder", {Role.ONDERZOEKER}),
        ("beheer@demo.example", "Peter Smit", {Role.BEHEERDER}),
    ]
    return rows


def _team(session: Session, today: date, result: DemoResult) -> Team:
    team = users.find_team(session, DEMO_TEAM)
    if team is None:
        start = today - timedelta(days=14 * 6)
        team = users.create_team(session, DEMO_TEAM, start=start, length_days=14)
        result.team_created = True
    return team


def create_demo(
    session: Session, *, password: str | None, stories: int | None = None, today: date
) -> DemoResult:
    """Create what is missing of the demo; running it again adds nothing twice. ``stories``:
    reflections to add; None adds :data:`DEFAULT_STORIES` when the team is new, none otherwise.
    A given password follows the same rule as every other password."""
    if password is not None:
        users.check_password_rules(password)
    result = DemoResult(
        password=password or secrets.token_urlsafe(12), password_generated=not password
    )
    team = _team(session, today, result)
    if stories is None:
        stories = DEFAULT_STORIES if result.team_created else 0
    for email, name, roles in _accounts():
        if users.find_user(session, email) is not None:
            continue
        in_team = [team] if roles & {Role.KLANTMANAGER, Role.COACH} else []
        user = users.create_user(session, email, name, roles, teams=in_team)
        user.set_password(result.password)
        if roles == {Role.KLANTMANAGER} and email not in NO_RESEARCH_CONSENT:
            user.research_consent, user.research_consent_on = True, today
        result.created.append(email)
    session.flush()  # the new users need ids
    vbs = [users.find_user(session, f"vb{i}@demo.example") for i in (1, 2)]
    result.interviews_added = add_demo_interviews(session, vbs, today=today)
    authors = [
        users.find_user(session, email)
        for email, _, roles in _accounts()
        if roles == {Role.KLANTMANAGER}
    ]
    if result.team_created:
        result.skips_added = _add_skips(session, team, authors, today)
    if stories:
        result.stories_added = add_demo_stories(
            session,
            team=team,
            authors=authors,
            n=stories,
            today=today,
            skipped=_skipped(session, team),
        )
    coach = users.find_user(session, "coach@demo.example")
    result.sessions_added = add_demo_sessions(session, team, coach, authors, vbs[0], today=today)
    result.observations_added = add_demo_observation(
        session, users.find_user(session, "onderzoeker@demo.example")
    )
    bring_demo_observation_into_session(session, team, coach)
    return result


def _add_skips(session: Session, team: Team, authors: list[User], today: date) -> int:
    reached = cycle_number(team, today) or 0
    added = 0
    for index, number, reason, note in DEMO_SKIPS:
        if number <= reached and index < len(authors):
            cycle = ensure_cycle(session, team, cycle_bounds(team, number)[0])
            participation.skip_cycle(session, authors[index], cycle, reason, note)
            added += 1
    return added


def _skipped(session: Session, team: Team) -> frozenset[tuple[int, int]]:
    rows = session.execute(
        select(CycleSkip.user_id, CycleSkip.cycle_id)
        .join(Cycle, Cycle.id == CycleSkip.cycle_id)
        .where(Cycle.team_id == team.id)
    )
    return frozenset((user_id, cycle_id) for user_id, cycle_id in rows)
