"""Role shorthands and the small checks every rule module shares.

The rule modules import this module, never ``portal.policy`` itself: the package's ``__init__``
imports them to assemble the rules, so importing it back would be a cycle."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from sqlalchemy.sql import ColumnElement

from portal.models import Role, User

KM, VB, COACH, RESEARCH, ADMIN = (
    Role.KLANTMANAGER,
    Role.VERHALENBEGELEIDER,
    Role.COACH,
    Role.ONDERZOEKER,
    Role.BEHEERDER,
)

#: A rule: may ``user`` do the action on the object? ``can()`` has checked the user is signed in
#: and active before a rule is asked.
Rule = Callable[[User, Any], bool]
Rules = dict[tuple[type, str], Rule]
#: The same rule as a WHERE clause on the object's table, for lists: ``clause(user)``.
Clause = Callable[[Any], ColumnElement[bool]]
Clauses = dict[tuple[type, str], Clause]


def signed_in(user: Any) -> bool:
    """A logged-in user whose account is active: nobody else may do anything."""
    return bool(user.is_authenticated and user.is_active)


def coached_team_ids(user: Any) -> frozenset[int]:
    """The teams ``user`` coaches, counted only while the user still holds the coach role (a
    former coach may still be listed as the team's coach)."""
    return user.coached_team_ids if user.has_role(COACH) else frozenset()


def coaches(user: Any, team_id: int | None) -> bool:
    return team_id is not None and team_id in coached_team_ids(user)


def admin(user: User, _obj: object) -> bool:
    return user.has_role(ADMIN)
