"""The drill-down list: the stories behind a bar, bin, cell or zone, one page at a time.

Its count is the chart's number: the same scope (rule, filter, region) as one WHERE clause. The
count stops at :data:`COUNT_CAP` and the list never counts its pages, so the page costs the same
at 1,000 and at 100,000 stories (a full count of a large region reads every story in it; the
chart already showed that number). Interviews appear by respondent code only; a coach sees no
list of fewer than ``min_group``."""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import func, select
from sqlalchemy.orm import Session, selectinload

from portal.analysis.scope import Scope
from portal.core.pagination import Window, paginate_window
from portal.models import Story, Tag, story_tags

PER_PAGE = 25
#: Counted exactly up to here; past it the page says "more than" (the chart has the number).
COUNT_CAP = 200


@dataclass
class DrillResult:
    page: Window | None
    total: int  # exact up to COUNT_CAP; COUNT_CAP + 1 means "more than COUNT_CAP"
    hidden: bool = False
    tags: dict[int, list[str]] = field(default_factory=dict)  # story id → tag codes

    @property
    def more_than_cap(self) -> bool:
        return self.total > COUNT_CAP


def count_stories(session: Session, scope: Scope, *, cap: int = COUNT_CAP) -> int:
    """The scope's stories counted up to ``cap + 1`` (the database stops looking there)."""
    found = select(Story.id).where(scope.where).limit(cap + 1).subquery()
    return session.scalar(select(func.count()).select_from(found)) or 0


def stories_page(
    session: Session, scope: Scope, *, page: int, min_group: int | None
) -> DrillResult:
    """One page of the scope's stories, newest first, with their cycle, respondent and tags (a
    fixed number of statements, and a fixed amount of work, whatever the size)."""
    query = (
        select(Story)
        .where(scope.where)
        .order_by(Story.submitted_at.desc(), Story.id.desc())
        .options(selectinload(Story.cycle), selectinload(Story.respondent))
    )
    total = count_stories(session, scope)
    if min_group and 0 < total < min_group:
        return DrillResult(None, total, hidden=True)
    found = paginate_window(session, query, page=page, per_page=PER_PAGE)
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
    return DrillResult(found, total, tags=tags)
