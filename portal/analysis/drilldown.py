"""The drill-down list: the stories behind a bar, bin, cell or zone, one page at a time.

Its count is the chart's number: the same scope (rule, filter, region) as one WHERE clause.
Interviews appear by respondent code only; a coach sees no list of fewer than ``min_group``."""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import func, select
from sqlalchemy.orm import Session, selectinload

from portal.analysis.scope import Scope
from portal.core.pagination import Page, paginate
from portal.models import Story, Tag, story_tags

PER_PAGE = 25


@dataclass
class DrillResult:
    page: Page | None
    total: int
    hidden: bool = False
    tags: dict[int, list[str]] = field(default_factory=dict)  # story id → tag codes


def count_stories(session: Session, scope: Scope) -> int:
    return session.scalar(select(func.count(Story.id)).where(scope.where)) or 0


def stories_page(
    session: Session, scope: Scope, *, page: int, min_group: int | None
) -> DrillResult:
    """One page of the scope's stories, newest first, with their cycle, respondent and tags (a
    fixed number of statements whatever the size)."""
    query = (
        select(Story)
        .where(scope.where)
        .order_by(Story.submitted_at.desc(), Story.id.desc())
        .options(selectinload(Story.cycle), selectinload(Story.respondent))
    )
    found = paginate(session, query, page=page, per_page=PER_PAGE)
    if min_group and 0 < found.total < min_group:
        return DrillResult(None, found.total, hidden=True)
    ids = [story.id for story in found.items]
    tags: dict[int, list[str]] = {}
    if ids:
        rows = session.execute(
            select(story_tags.c.story_id, Tag.code)
            .join(Tag, Tag.id == story_tags.c.tag_id)
            .where(story_tags.c.story_id.in_(ids))
            .order_by(Tag.code)
        )
        for story_id, code in rows:
            tags.setdefault(story_id, []).append(code)
    return DrillResult(found, found.total, tags=tags)
