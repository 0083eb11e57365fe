"""The one place that decides who may do what (DESIGN §2). Deny by default.

``can(user, action, obj)`` answers for one object; ``readable_stories(user)`` and the other SQL
clauses are the same rules as WHERE clauses for lists; ``may_use(user, area)`` answers which pages
a role may use. The rules live in a module per object (``stories``, ``respondents``, ``teams``);
this module assembles them and is the only one callers import (``from portal import policy``)."""

from __future__ import annotations

import enum
from collections.abc import Callable
from functools import wraps
from typing import Any

from flask import abort
from flask_login import current_user

from portal.policy import analysis as _analysis
from portal.policy import exports as _exports
from portal.policy import respondents as _respondents
from portal.policy import stories as _stories
from portal.policy import team_sessions as _team_sessions
from portal.policy import teams as _teams
from portal.policy.analysis import (
    analysable_kinds,
    analysable_stories,
    hides_small_groups,
    own_pattern_stories,
    taggable_stories,
)
from portal.policy.exports import exportable_stories, text_exportable
from portal.policy.respondents import own_respondents
from portal.policy.roles import ADMIN, COACH, KM, RESEARCH, VB, Clauses, Rules, signed_in
from portal.policy.stories import (
    consent_holds,
    consent_holds_clause,
    own_stories,
    readable_stories,
    shared_in_teams,
    stories_for_sessions,
    usable_in_sessions,
)
from portal.policy.team_sessions import (
    StoryInSession,
    proposable_stories,
    readable_team_sessions,
    runnable_team_sessions,
)
from portal.policy.teams import participation_teams, prompt_teams

__all__ = [
    "ADMIN",
    "AREA_ROLES",
    "COACH",
    "KM",
    "RESEARCH",
    "VB",
    "Area",
    "StoryInSession",
    "analysable_kinds",
    "analysable_stories",
    "area_required",
    "can",
    "clauses",
    "consent_holds",
    "consent_holds_clause",
    "exportable_stories",
    "hides_small_groups",
    "may_use",
    "own_pattern_stories",
    "own_respondents",
    "own_stories",
    "participation_teams",
    "prompt_teams",
    "proposable_stories",
    "readable_stories",
    "readable_team_sessions",
    "rules",
    "runnable_team_sessions",
    "shared_in_teams",
    "stories_for_sessions",
    "taggable_stories",
    "text_exportable",
    "usable_in_sessions",
]


class Area(enum.StrEnum):
    """Areas of use: pages a role may open at all (403 otherwise)."""

    REFLECTIONS = "reflections"
    TEAM_STORIES = "team_stories"
    INTERVIEWS = "interviews"
    SESSIONS = "sessions"
    PARTICIPATION = "participation"
    PROMPTS = "prompts"
    ANALYSIS = "analysis"
    PATTERNS = "patterns"  # the onderzoeker's part of the analysis: patterns, observations
    EXPORT = "export"
    ADMIN = "admin"
    AUDIT = "audit"


AREA_ROLES: dict[Area, frozenset[str]] = {
    Area.REFLECTIONS: frozenset({KM}),
    Area.TEAM_STORIES: frozenset({KM, COACH}),
    Area.INTERVIEWS: frozenset({VB}),
    Area.SESSIONS: frozenset({KM, VB, COACH, RESEARCH}),  # VB: key persons in sessions
    Area.PARTICIPATION: frozenset({KM, COACH, RESEARCH, ADMIN}),
    Area.PROMPTS: frozenset({COACH, ADMIN}),
    Area.ANALYSIS: frozenset({RESEARCH, COACH}),
    Area.PATTERNS: frozenset({RESEARCH}),
    Area.EXPORT: frozenset({RESEARCH}),
    Area.ADMIN: frozenset({ADMIN}),
    Area.AUDIT: frozenset({ADMIN, RESEARCH}),
}


def may_use(user: Any, area: Area) -> bool:
    return signed_in(user) and bool(user.roles & AREA_ROLES[area])


def area_required(area: Area) -> Callable:
    """Decorator for pages of one area: anonymous → login, a role without access → 403."""

    def decorate(view: Callable) -> Callable:
        @wraps(view)
        def wrapped(*args: Any, **kwargs: Any) -> Any:
            if not current_user.is_authenticated:
                from portal.core.extensions import login_manager

                return login_manager.unauthorized()
            if not may_use(current_user, area):
                abort(403)
            return view(*args, **kwargs)

        wrapped.area = area  # type: ignore[attr-defined]
        return wrapped

    return decorate


def _assemble(*tables: dict) -> dict:
    """One table from every module's; a rule defined twice is a mistake, so it fails here."""
    assembled: dict = {}
    for table in tables:
        twice = assembled.keys() & table.keys()
        if twice:
            names = sorted(f"{kind.__name__}.{action}" for kind, action in twice)
            raise RuntimeError(f"policy rules defined twice: {names}")
        assembled.update(table)
    return assembled


_RULES: Rules = _assemble(
    _stories.RULES,
    _respondents.RULES,
    _teams.RULES,
    _team_sessions.RULES,
    _analysis.RULES,
    _exports.RULES,
)
_CLAUSES: Clauses = _assemble(
    _stories.CLAUSES,
    _respondents.CLAUSES,
    _teams.CLAUSES,
    _team_sessions.CLAUSES,
    _analysis.CLAUSES,
    _exports.CLAUSES,
)


def can(user: Any, action: str, obj: object) -> bool:
    # ``__class__``, not ``type()``: the object may be ``current_user``, a proxy of the User.
    kind = obj.__class__
    rule = _RULES.get((kind, action))
    if rule is None:
        raise LookupError(f"no rule for {action!r} on {kind.__name__}")
    return signed_in(user) and rule(user, obj)


def rules() -> list[tuple[type, str]]:
    """Every (object type, action) the policy knows; the policy test covers each."""
    return list(_RULES)


def clauses() -> Clauses:
    """Every rule that lists also ask as a SQL WHERE clause, by the (object type, action) it
    mirrors: ``clauses()[Story, "read"]`` is :func:`readable_stories`. The policy test proves each
    clause selects exactly the rows ``can()`` allows, for every kind of user."""
    return dict(_CLAUSES)
