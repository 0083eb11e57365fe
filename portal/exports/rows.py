"""The rows of an export, streamed: one row per interpretation, stories read in chunks.

Each chunk is three queries (stories with their team, cycle, version and respondent; their
interpretations; their answers), so memory holds one chunk whatever the number of rows. A story
without any interpretation still gives one row (``own``, no answers). The story filter arrives as
one WHERE clause on ``Story``; the policy's export rule is always added to it."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import and_, func, select, true
from sqlalchemy.orm import Session
from sqlalchemy.sql import ColumnElement

from portal import policy
from portal.exports import pseudonyms
from portal.exports.columns import Column, ColumnModel, ColumnType
from portal.models import (
    Answer,
    Cycle,
    Framework,
    ImportedStory,
    Interpretation,
    InterpretationRole,
    Question,
    Respondent,
    Story,
    StoryKind,
    Team,
)

CHUNK = 500
DEFAULT_ZONE = "Europe/Amsterdam"
ROLE_NAMES = {
    InterpretationRole.SELF: "own",
    InterpretationRole.MEMBER: "member",
    InterpretationRole.SESSION: "session",
}

Value = str | int | date | None


def export_clause(user: Any, kind: StoryKind, extra: ColumnElement[bool] | None) -> Any:
    """The stories of one export: the policy's export rule, the kind, and the story filter."""
    return and_(
        policy.exportable_stories(user),
        Story.kind == kind,
        extra if extra is not None else true(),
    )


def count_rows(session: Session, clause: ColumnElement[bool]) -> int:
    """As many as :func:`iter_rows` gives: a row per interpretation, one for a story without."""
    query = (
        select(func.count())
        .select_from(Story)
        .outerjoin(Interpretation, Interpretation.story_id == Story.id)
        .where(clause)
    )
    return session.scalar(query) or 0


def local_date(moment: datetime | None, zone: str | None) -> date | None:
    if moment is None:
        return None
    return moment.astimezone(ZoneInfo(zone or DEFAULT_ZONE)).date()


def _story_chunk(session: Session, clause: ColumnElement[bool], after: int, size: int) -> list:
    query = (
        select(
            Story.id,
            Story.author_id,
            Story.experienced_on,
            Story.submitted_at,
            Story.language,
            Story.title,
            Story.body_md,
            Story.translation_nl,
            Team.name.label("team"),
            Team.timezone,
            Cycle.number.label("cycle"),
            Framework.version,
            Respondent.code.label("respondent"),
            ImportedStory.source_key,
            policy.text_exportable().label("may_quote"),
        )
        .join(Framework, Framework.id == Story.framework_id)
        .outerjoin(Team, Team.id == Story.team_id)
        .outerjoin(Cycle, Cycle.id == Story.cycle_id)
        .outerjoin(Respondent, Respondent.id == Story.respondent_id)
        .outerjoin(ImportedStory, ImportedStory.story_id == Story.id)
        .where(clause, Story.id > after)
        .order_by(Story.id)
        .limit(size)
    )
    return list(session.connection().execute(query))


@dataclass
class Given:
    """One interpretation's answer to one question, folded from its answer rows."""

    not_applicable: bool = False
    value: int | None = None
    a: int | None = None
    b: int | None = None
    c: int | None = None
    choices: set[str] = field(default_factory=set)
    text: str | None = None


def _answers_of(session: Session, interpretation_ids: list[int]) -> dict[int, dict[str, Given]]:
    """interpretation id → question key → the answer."""
    found: dict[int, dict[str, Given]] = defaultdict(dict)
    if not interpretation_ids:
        return found
    query = (
        select(
            Answer.interpretation_id,
            Question.key,
            Answer.value,
            Answer.a,
            Answer.b,
            Answer.c,
            Answer.choice,
            Answer.text,
            Answer.not_applicable,
        )
        .join(Question, Question.id == Answer.question_id)
        .where(Answer.interpretation_id.in_(interpretation_ids))
    )
    for iid, key, value, a, b, c, choice, text, not_applicable in session.connection().execute(
        query
    ):
        given = found[iid].get(key)
        if given is None:
            given = found[iid][key] = Given()
        if not_applicable:
            given.not_applicable = True
        if value is not None:
            given.value = value
        if a is not None:
            given.a, given.b, given.c = a, b, c
        if choice:
            given.choices.add(choice)
        if text:
            given.text = text
    return found


def _question_value(column: Column, given: Given | None, may_quote: bool) -> Value:
    """The cell of one question column from the interpretation's answer to that question."""
    if given is None:
        return None
    part = column.part
    if part == "nvt":
        return 1 if given.not_applicable else 0
    if given.not_applicable:
        return None
    if column.type is ColumnType.BOOLEAN:  # one option of a multichoice
        return 1 if part in given.choices else 0
    if part == "a":
        return given.a
    if part == "b":
        return given.b
    if part == "c":
        return given.c
    if part == "value":
        return given.value
    if part == "choice":
        return next(iter(given.choices), None)
    return given.text if may_quote else None


def iter_rows(
    session: Session,
    model: ColumnModel,
    clause: ColumnElement[bool],
    key: bytes,
    chunk: int = CHUNK,
) -> Iterator[list[Value]]:
    """Every row of the export, in story order (the author's own interpretation first)."""
    after = 0
    people: dict[int, str] = {}

    def person(user_id: int) -> str:
        if user_id not in people:
            people[user_id] = pseudonyms.person(key, user_id)
        return people[user_id]

    while True:
        stories = _story_chunk(session, clause, after, chunk)
        if not stories:
            return
        after = stories[-1].id
        interpretations: dict[int, list] = defaultdict(list)
        query = (
            select(
                Interpretation.id,
                Interpretation.story_id,
                Interpretation.user_id,
                Interpretation.role,
                Interpretation.comment_md,
            )
            .where(Interpretation.story_id.in_([s.id for s in stories]))
            .order_by(Interpretation.story_id, Interpretation.id)
        )
        for row in session.connection().execute(query):
            interpretations[row.story_id].append(row)
        answers = _answers_of(session, [i.id for rows in interpretations.values() for i in rows])
        for story in stories:
            own_first = sorted(
                interpretations.get(story.id, []),
                key=lambda i: (i.role is not InterpretationRole.SELF, i.id),
            )
            for interpretation in own_first or [None]:
                yield _row(model, story, interpretation, answers, person, key)


def _row(
    model: ColumnModel, story: Any, interpretation: Any, answers: dict, person: Any, key: bytes
) -> list[Value]:
    quote = bool(story.may_quote)
    given = answers.get(interpretation.id, {}) if interpretation else {}
    base: dict[str, Value] = {
        "story": story.source_key or pseudonyms.story(key, story.id),
        "author": person(story.author_id),
        "respondent": story.respondent,
        "language": story.language,
        "team": story.team,
        "cycle": story.cycle,
        "experienced_on": story.experienced_on,
        "submitted_on": local_date(story.submitted_at, story.timezone),
        "framework_version": story.version,
        "interpretation": ROLE_NAMES[interpretation.role] if interpretation else "own",
        "interpreter": person(interpretation.user_id if interpretation else story.author_id),
        "title": story.title if quote else None,
        "text": story.body_md if quote else None,
        "translation_nl": story.translation_nl if quote else None,
        "comment": (interpretation.comment_md or None) if interpretation and quote else None,
    }
    row: list[Value] = []
    for column in model.columns:
        if column.question is None:
            row.append(base[column.name])
        else:
            row.append(_question_value(column, given.get(column.question), quote))
    return row


def utc_noon(day: date, zone: str | None = None) -> datetime:
    """A submission moment for an imported story: noon of ``day`` where the story was written."""
    local = datetime(day.year, day.month, day.day, 12, tzinfo=ZoneInfo(zone or DEFAULT_ZONE))
    return local.astimezone(UTC)


__all__ = ["CHUNK", "ColumnType", "count_rows", "export_clause", "iter_rows", "local_date"]
