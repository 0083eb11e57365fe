"""Reading the audit log (``/admin/audit``): filter by person, action and dates, one page at a
time. There is deliberately no function here (or anywhere) that changes or deletes an event."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from math import ceil
from zoneinfo import ZoneInfo

from sqlalchemy import Select, func, or_, select
from sqlalchemy.orm import Session

from portal.core.pagination import Page
from portal.models import AuditEvent, User

PER_PAGE = 50
ZONE = ZoneInfo("Europe/Amsterdam")


@dataclass
class AuditFilter:
    person: str = ""  # part of a name or e-mail address
    action: str = ""
    date_from: date | None = None
    date_to: date | None = None


def _start_of(day: date) -> datetime:
    """Midnight of ``day`` in the Netherlands, as the aware datetime stored (UTC)."""
    return datetime.combine(day, time.min, tzinfo=ZONE)


def list_events(session: Session, flt: AuditFilter, *, page: int) -> Page:
    """Newest first; each event with its actor (one join, no query per row)."""
    query = (
        select(AuditEvent, User)
        .outerjoin(User, User.id == AuditEvent.actor_id)
        .order_by(AuditEvent.created_at.desc(), AuditEvent.id.desc())
    )
    if flt.person.strip():
        like = f"%{flt.person.strip().lower()[:100]}%"
        query = query.where(
            or_(func.lower(User.display_name).like(like), func.lower(User.email).like(like))
        )
    if flt.action:
        query = query.where(AuditEvent.action == flt.action[:64])
    if flt.date_from:
        query = query.where(AuditEvent.created_at >= _start_of(flt.date_from))
    if flt.date_to:
        query = query.where(AuditEvent.created_at < _start_of(flt.date_to + timedelta(days=1)))
    return _paginate_rows(session, query, page=page)


def _paginate_rows(session: Session, query: Select, *, page: int) -> Page:
    """Like ``core.pagination.paginate``, for a query of (event, actor) rows."""
    total = session.scalar(select(func.count()).select_from(query.order_by(None).subquery())) or 0
    pages = max(1, ceil(total / PER_PAGE))
    number = min(max(page, 1), pages)
    rows = list(session.execute(query.limit(PER_PAGE).offset((number - 1) * PER_PAGE)))
    return Page(items=rows, number=number, per_page=PER_PAGE, total=total)


def actions(session: Session) -> list[str]:
    """Every action that occurs in the log, for the filter (one GROUP BY)."""
    query = select(AuditEvent.action).group_by(AuditEvent.action).order_by(AuditEvent.action)
    return list(session.scalars(query))
