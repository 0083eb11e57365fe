"""The one place that decides who may do what (DESIGN §2). Deny by default.

``can(user, action, obj)`` answers for one object; ``readable_stories(user)`` is the same read rule
as a SQL WHERE clause for lists; ``may_use(user, area)`` answers which pages a role may use."""

from __future__ import annotations

import enum
from collections.abc import Callable
from functools import wraps
from typing import Any

from flask import abort
from flask_login import current_user
from sqlalchemy import and_, exists, false, or_, select, true
from sqlalchemy.sql import ColumnElement

from portal.models import Consent, Respondent, Role, Story, StoryKind, StoryStatus, Team, User

KM, VB, COACH, RESEARCH, ADMIN = (
    Role.KLANTMANAGER,
    Role.VERHALENBEGELEIDER,
    Role.COACH,
    Role.ONDERZOEKER,
    Role.BEHEERDER,
)


class Area(enum.StrEnum):
    """Areas of use: pages a role may open at all (403 otherwise)."""

    REFLECTIONS = "reflections"
    TEAM_STORIES = "team_stories"
    INTERVIEWS = "interviews"
    SESSIONS = "sessions"
    PARTICIPATION = "participation"
    PROMPTS = "prompts"
    ANALYSIS = "analysis"
    EXPORT = "export"
    ADMIN = "admin"


AREA_ROLES: dict[Area, frozenset[str]] = {
    Area.REFLECTIONS: frozenset({KM}),
    Area.TEAM_STORIES: frozenset({KM, COACH}),
    Area.INTERVIEWS: frozenset({VB}),
    Area.SESSIONS: frozenset({KM, COACH, RESEARCH}),
    Area.PARTICIPATION: frozenset({KM, COACH, RESEARCH, ADMIN}),
    Area.PROMPTS: frozenset({COACH, ADMIN}),
    Area.ANALYSIS: frozenset({RESEARCH}),
    Area.EXPORT: frozenset({RESEARCH}),
    Area.ADMIN: frozenset({ADMIN}),
}


def may_use(user: Any, area: Area) -> bool:
    return bool(user.is_authenticated and user.is_active and user.roles & AREA_ROLES[area])


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


# --- stories -------------------------------------------------------------------------------------


def _is_author(user: User, story: Story) -> bool:
    return story.author_id == user.id


def _visible(story: Story) -> bool:
    return story.withdrawn_at is None


def _shared_submitted(story: Story) -> bool:
    return (
        story.kind is StoryKind.REFLECTION
        and story.status is StoryStatus.SUBMITTED
        and story.shared_with_team
        and _visible(story)
    )


def _in_story_team(user: User, story: Story) -> bool:
    return story.team_id is not None and story.team_id in user.team_ids


def _coaches_story_team(user: User, story: Story) -> bool:
    return user.has_role(COACH) and story.team_id in user.coached_team_ids


def consent_holds(respondent: Respondent | None, scope: str) -> bool:
    """A respondent's consent holds for ``scope`` while an unwithdrawn record grants it."""
    if respondent is None:
        return False
    return any(c.withdrawn_on is None and getattr(c, f"scope_{scope}") for c in respondent.consents)


def _research_may_read(user: User, story: Story) -> bool:
    if not user.has_role(RESEARCH) or story.status is not StoryStatus.SUBMITTED:
        return False
    if story.kind is StoryKind.INTERVIEW:
        return consent_holds(story.respondent, "research")
    return story.author.research_consent


def _story_read(user: User, story: Story) -> bool:
    if not _visible(story):
        return False
    if _is_author(user, story):
        return True
    if _shared_submitted(story) and (
        _in_story_team(user, story) or _coaches_story_team(user, story)
    ):
        return True
    return _research_may_read(user, story)


def _story_edit(user: User, story: Story) -> bool:
    return _visible(story) and _is_author(user, story)


def _story_delete_draft(user: User, story: Story) -> bool:
    return _story_edit(user, story) and story.status is StoryStatus.DRAFT


def _story_withdraw(user: User, story: Story) -> bool:
    return _story_edit(user, story) and story.status is StoryStatus.SUBMITTED


def _story_share(user: User, story: Story) -> bool:
    return _story_withdraw(user, story) and story.kind is StoryKind.REFLECTION


def _story_interpret(user: User, story: Story) -> bool:
    return _shared_submitted(story) and _in_story_team(user, story) and not _is_author(user, story)


def _story_read_note(user: User, story: Story) -> bool:
    """The facilitator note: the verhalenbegeleider who wrote it, and onderzoekers who may read it."""
    if story.kind is not StoryKind.INTERVIEW or not _visible(story):
        return False
    return _story_edit(user, story) or _research_may_read(user, story)


def _story_put_in_session(user: User, story: Story) -> bool:
    if not user.has_role(COACH) or not _visible(story):
        return False
    if story.kind is StoryKind.INTERVIEW:
        return story.status is StoryStatus.SUBMITTED and consent_holds(story.respondent, "sessions")
    return _coaches_story_team(user, story) and _shared_submitted(story)


# --- respondents and consent ---------------------------------------------------------------------


def _owns_respondent(user: User, respondent: Respondent) -> bool:
    return user.has_role(VB) and respondent.owner_id == user.id


def _respondent_read_facts(user: User, respondent: Respondent) -> bool:
    return _owns_respondent(user, respondent) or user.has_role(RESEARCH)


def _consent_manage(user: User, consent: Consent) -> bool:
    return _owns_respondent(user, consent.respondent)


# --- teams and participation ---------------------------------------------------------------------


def _team_participation(user: User, team: Team) -> bool:
    return user.has_role(RESEARCH, ADMIN) or _coaches(user, team)


def _coaches(user: User, team: Team) -> bool:
    return user.has_role(COACH) and team.id in user.coached_team_ids


def _user_participation(user: User, person: User) -> bool:
    if user.id == person.id or user.has_role(RESEARCH, ADMIN):
        return True
    return user.has_role(COACH) and bool(user.coached_team_ids & person.team_ids)


def _team_prompts(user: User, team: Team) -> bool:
    return user.has_role(ADMIN) or _coaches(user, team)


def _admin(user: User, _obj: object) -> bool:
    return user.has_role(ADMIN)


_RULES: dict[tuple[type, str], Callable[[User, Any], bool]] = {
    (Story, "read"): _story_read,
    (Story, "edit"): _story_edit,
    (Story, "delete"): _story_delete_draft,
    (Story, "withdraw"): _story_withdraw,
    (Story, "share"): _story_share,
    (Story, "interpret"): _story_interpret,
    (Story, "comment"): _story_interpret,
    (Story, "put_in_session"): _story_put_in_session,
    (Story, "read_note"): _story_read_note,
    (Respondent, "read"): _owns_respondent,
    (Respondent, "read_facts"): _respondent_read_facts,
    (Respondent, "edit"): _owns_respondent,
    (Respondent, "record_consent"): _owns_respondent,
    (Consent, "read"): _consent_manage,
    (Consent, "withdraw"): _consent_manage,
    (Team, "view_participation"): _team_participation,
    (Team, "manage"): _admin,
    (Team, "manage_prompts"): _team_prompts,
    (User, "view_participation"): _user_participation,
    (User, "manage"): _admin,
}


def can(user: Any, action: str, obj: object) -> bool:
    rule = _RULES.get((type(obj), action))
    if rule is None:
        raise LookupError(f"no rule for {action!r} on {type(obj).__name__}")
    if not (user.is_authenticated and user.is_active):
        return False
    return rule(user, obj)


def rules() -> list[tuple[type, str]]:
    """Every (object type, action) the policy knows; the policy test covers each."""
    return list(_RULES)


# --- the read rule in SQL ------------------------------------------------------------------------


def _research_consent_clause() -> ColumnElement[bool]:
    reflection_ok = and_(
        Story.kind == StoryKind.REFLECTION,
        exists().where(User.id == Story.author_id, User.research_consent.is_(true())),
    )
    interview_ok = and_(
        Story.kind == StoryKind.INTERVIEW,
        consent_holds_clause("research"),
    )
    return and_(Story.status == StoryStatus.SUBMITTED, or_(reflection_ok, interview_ok))


def consent_holds_clause(scope: str) -> ColumnElement[bool]:
    """SQL twin of :func:`consent_holds` for the story's respondent."""
    return exists(
        select(Consent.id).where(
            Consent.respondent_id == Story.respondent_id,
            Consent.withdrawn_on.is_(None),
            getattr(Consent, f"scope_{scope}").is_(true()),
        )
    )


def own_stories(user: Any) -> ColumnElement[bool]:
    """The user's own stories that are not withdrawn (part of the read rule)."""
    if not (user.is_authenticated and user.is_active):
        return false()
    return and_(Story.author_id == user.id, Story.withdrawn_at.is_(None))


def shared_in_teams(user: Any) -> ColumnElement[bool]:
    """Reflections shared with a team the user belongs to or coaches (part of the read rule)."""
    teams = set(user.team_ids)
    if user.has_role(COACH):
        teams |= set(user.coached_team_ids)
    if not (user.is_authenticated and user.is_active and teams):
        return false()
    return and_(
        Story.kind == StoryKind.REFLECTION,
        Story.status == StoryStatus.SUBMITTED,
        Story.shared_with_team.is_(true()),
        Story.team_id.in_(sorted(teams)),
        Story.withdrawn_at.is_(None),
    )


def readable_stories(user: Any) -> ColumnElement[bool]:
    """The :func:`can` read rule for stories as a WHERE clause, for lists."""
    if not (user.is_authenticated and user.is_active):
        return false()
    clauses: list[ColumnElement[bool]] = [own_stories(user), shared_in_teams(user)]
    if user.has_role(RESEARCH):
        clauses.append(_research_consent_clause())
    return and_(Story.withdrawn_at.is_(None), or_(*clauses))


def usable_in_sessions() -> ColumnElement[bool]:
    """Stories that may be brought into a team session at all (coach and team still checked)."""
    reflection = and_(Story.kind == StoryKind.REFLECTION, Story.shared_with_team.is_(true()))
    interview = and_(Story.kind == StoryKind.INTERVIEW, consent_holds_clause("sessions"))
    return and_(
        Story.withdrawn_at.is_(None),
        Story.status == StoryStatus.SUBMITTED,
        or_(reflection, interview),
    )
