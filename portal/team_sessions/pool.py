"""The story pool for the coach: the team's shared reflections and the interviews whose consent
covers team sessions, narrowed by the shared story filter (DESIGN §7) and the policy rule
``stories_for_sessions``; interviews are shown by respondent code only.

A page is fetched as one more row than it shows, so "is there a next page" costs no COUNT of a
large result."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select, union_all
from sqlalchemy.orm import Session, joinedload

from portal import policy
from portal.frameworks.versions import current_framework
from portal.models import QuestionType, Story, StoryKind, TeamSession, TeamSessionStory, User
from portal.stories.filters import StoryFilter, filtered_stories

PER_PAGE = 20
MAX_PAGE = 500


@dataclass
class PoolPage:
    items: list[Story]
    number: int
    has_next: bool

    @property
    def has_previous(self) -> bool:
        return self.number > 1


@dataclass(frozen=True)
class RangeField:
    """One signifier the pool can be narrowed on: ``r.<key>=lo-hi`` in the URL."""

    key: str
    label_nl: str
    label_en: str

    def label(self, locale: str) -> str:
        return self.label_en if locale == "en" else self.label_nl


def pool(
    session: Session,
    user: User,
    team_session: TeamSession,
    story_filter: StoryFilter,
    *,
    page: int = 1,
    per_page: int = PER_PAGE,
) -> PoolPage:
    number = min(max(page, 1), MAX_PAGE)
    wanted = number * per_page + 1  # rows up to this page, and one more
    taken = select(TeamSessionStory.story_id).where(
        TeamSessionStory.team_session_id == team_session.id
    )
    base = filtered_stories(user, story_filter, rule=policy.stories_for_sessions).where(
        Story.id.not_in(taken)
    )
    # Two branches, each walking its own index newest first and stopping early (an OR of the
    # two would sort every submitted story of every team): the team's shared reflections, and
    # the interviews (they belong to no team).
    branches = [
        base.where(
            Story.kind == StoryKind.REFLECTION,
            Story.team_id == team_session.team_id,
            Story.shared_with_team.is_(True),
        ),
        base.where(Story.kind == StoryKind.INTERVIEW),
    ]
    newest = [
        branch.with_only_columns(Story.id, Story.submitted_at)
        .order_by(Story.submitted_at.desc(), Story.id.desc())
        .limit(wanted)
        .subquery()
        for branch in branches
    ]
    both = union_all(*(select(b.c.id, b.c.submitted_at) for b in newest)).subquery()
    query = (
        select(Story)
        .join(both, both.c.id == Story.id)
        .order_by(both.c.submitted_at.desc(), both.c.id.desc())
        .options(joinedload(Story.author), joinedload(Story.respondent), joinedload(Story.cycle))
        .offset((number - 1) * per_page)
        .limit(per_page + 1)
    )
    rows = list(session.scalars(query).unique())
    return PoolPage(items=rows[:per_page], number=number, has_next=len(rows) > per_page)


def range_fields(session: Session) -> list[RangeField]:
    """The sliders and triad corners of the current frameworks, once per key."""
    fields: dict[str, RangeField] = {}
    for kind in (StoryKind.REFLECTION, StoryKind.INTERVIEW):
        framework = current_framework(session, kind)
        for q in framework.questions if framework else []:
            if q.type is QuestionType.SLIDER:
                label_nl = f"{q.text_nl} ({q.options[0]['nl']} 0 – {q.options[1]['nl']} 100)"
                label_en = f"{q.text_en} ({q.options[0]['en']} 0 – {q.options[1]['en']} 100)"
                fields.setdefault(q.key, RangeField(q.key, label_nl, label_en))
            elif q.type is QuestionType.TRIAD:
                for part, option in zip("abc", q.options, strict=False):
                    key = f"{q.key}_{part}"
                    fields.setdefault(
                        key,
                        RangeField(
                            key,
                            f"{q.text_nl} {option['nl']} (%)",
                            f"{q.text_en} {option['en']} (%)",
                        ),
                    )
    return list(fields.values())
