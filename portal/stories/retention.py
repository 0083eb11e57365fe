"""The retention job: stories taken out of use are deleted for good after the retention period.

Two kinds of story are due (DESIGN §2):

- interviews of a respondent who has no valid consent left, counted from the latest withdrawal
  (a respondent who consented again keeps their interviews);
- reflections their author withdrew, counted from ``Story.withdrawn_at``.

Interpretations, answers and tag links go with the story (``ON DELETE CASCADE``). The respondent
code and the consent records stay: they prove what was agreed and when it was withdrawn, and hold
no story content. The audit log keeps one event per run with the counts only."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta

from sqlalchemy import ColumnElement, Select, and_, delete, exists, func, select
from sqlalchemy.orm import Session

from portal.core import audit
from portal.models import Consent, Respondent, Story, StoryKind


@dataclass(frozen=True)
class RetentionReport:
    cutoff: date
    interviews: int
    reflections: int


def deletion_date(withdrawn_on: date, days: int) -> date:
    """The first day on which ``retention run`` deletes what was withdrawn on ``withdrawn_on``."""
    return withdrawn_on + timedelta(days=days)


def respondent_deletion_date(respondent: Respondent, days: int) -> date | None:
    """When ``retention run`` deletes this respondent's interviews: None while a consent holds or
    when none was ever withdrawn. The same rule as :func:`_withdrawn_respondents`, for one."""
    consents = respondent.consents
    if not consents or any(c.withdrawn_on is None for c in consents):
        return None
    return deletion_date(max(c.withdrawn_on for c in consents), days)


def _withdrawn_respondents(cutoff: date) -> Select:
    """Respondents without any valid consent whose latest withdrawal is on or before ``cutoff``."""
    still_valid = exists().where(
        Consent.respondent_id == Story.respondent_id, Consent.withdrawn_on.is_(None)
    )
    latest = (
        select(Consent.respondent_id)
        .group_by(Consent.respondent_id)
        .having(func.max(Consent.withdrawn_on) <= cutoff)
    )
    return and_(Story.respondent_id.in_(latest), ~still_valid)


def _due_interviews(cutoff: date) -> ColumnElement[bool]:
    return and_(Story.kind == StoryKind.INTERVIEW, _withdrawn_respondents(cutoff))


def _due_reflections(cutoff: date) -> ColumnElement[bool]:
    end_of_cutoff = datetime.combine(cutoff + timedelta(days=1), time.min, tzinfo=UTC)
    return and_(
        Story.kind == StoryKind.REFLECTION,
        Story.withdrawn_at.is_not(None),
        Story.withdrawn_at < end_of_cutoff,
    )


def _count(session: Session, clause: ColumnElement[bool]) -> int:
    return session.scalar(select(func.count(Story.id)).where(clause)) or 0


def run(session: Session, *, today: date, days: int, dry_run: bool = False) -> RetentionReport:
    """Delete (or with ``dry_run`` only count) every story whose retention period has passed.

    The same few statements whatever the number of stories; the caller commits."""
    if days < 0:
        raise ValueError("The retention period cannot be negative.")
    cutoff = today - timedelta(days=days)
    report = RetentionReport(
        cutoff=cutoff,
        interviews=_count(session, _due_interviews(cutoff)),
        reflections=_count(session, _due_reflections(cutoff)),
    )
    if dry_run or not (report.interviews or report.reflections):
        return report
    for clause in (_due_interviews(cutoff), _due_reflections(cutoff)):
        session.execute(delete(Story).where(clause).execution_options(synchronize_session=False))
    audit.record(
        session,
        None,
        "retention.delete",
        cutoff=cutoff.isoformat(),
        interviews=report.interviews,
        reflections=report.reflections,
    )
    return report
