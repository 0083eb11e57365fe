"""The fictional Demoteam: accounts for every role (DESIGN §8)."""

from __future__ import annotations

import secrets
from dataclasses import dataclass, field
from datetime import date, timedelta

from sqlalchemy.orm import Session

from portal import users
from portal.demo_interviews import add_demo_interviews
from portal.demo_stories import add_demo_stories
from portal.models import Role, Team

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


@dataclass
class DemoResult:
    password: str
    password_generated: bool
    created: list[str] = field(default_factory=list)
    team_created: bool = False
    stories_added: int = 0
    interviews_added: int = 0

    def report(self) -> list[str]:
        lines = [f"Team {DEMO_TEAM!r} " + ("created." if self.team_created else "already there.")]
        lines += [f"Created {email}" for email in self.created]
        if not self.created:
            lines.append("All demo accounts already exist.")
        elif self.password_generated:
            lines.append(f"Password for the new demo accounts: {self.password}")
        if self.stories_added:
            lines.append(f"Added {self.stories_added} reflections.")
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
    session: Session, *, password: str | None, stories: int = 0, today: date
) -> DemoResult:
    """Create what is missing of the demo; running it again adds nothing twice."""
    result = DemoResult(
        password=password or secrets.token_urlsafe(9), password_generated=not password
    )
    team = _team(session, today, result)
    for email, name, roles in _accounts():
        if users.find_user(session, email) is not None:
            continue
        in_team = [team] if roles & {Role.KLANTMANAGER, Role.COACH} else []
        user = users.create_user(session, email, name, roles, teams=in_team)
        user.set_password(result.password)  # demo passwords may be short on purpose
        result.created.append(email)
    session.flush()  # the new users need ids
    vbs = [users.find_user(session, f"vb{i}@demo.example") for i in (1, 2)]
    result.interviews_added = add_demo_interviews(session, vbs, today=today)
    if stories:
        authors = [
            users.find_user(session, email)
            for email, _, roles in _accounts()
            if roles == {Role.KLANTMANAGER}
        ]
        result.stories_added = add_demo_stories(
            session, team=team, authors=authors, n=stories, today=today
        )
    return result
