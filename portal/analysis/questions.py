"""The questions of one story kind, by stable key across framework versions."""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import select
from sqlalchemy.orm import Session

from portal.models import Framework, Question, QuestionType, StoryKind


@dataclass
class QuestionInfo:
    """A question key of a kind: the newest published version's texts and options, and the ids
    of that key in every version (answers of every version count under the one key)."""

    key: str
    type: QuestionType
    text: str
    options: list[tuple[str, str]]
    is_indicator: bool
    ids: list[int] = field(default_factory=list)

    def label(self, option: str) -> str:
        return dict(self.options).get(option, option)


def kind_questions(
    session: Session, kind: StoryKind, locale: str, framework_id: int | None = None
) -> dict[str, QuestionInfo]:
    """Every question key of ``kind`` in the order of the newest version (one query); with a
    ``framework_id``, only that version's questions."""
    query = (
        select(Question, Framework.version)
        .join(Framework, Framework.id == Question.framework_id)
        .where(Framework.kind == kind, Framework.published_at.is_not(None))
        .order_by(Framework.version.desc(), Question.position)
    )
    if framework_id is not None:
        query = query.where(Framework.id == framework_id)
    found: dict[str, QuestionInfo] = {}
    for question, _version in session.execute(query):
        info = found.get(question.key)
        if info is None:
            info = found[question.key] = QuestionInfo(
                key=question.key,
                type=question.type,
                text=question.text(locale),
                options=[(o["key"], o.get(locale) or o["nl"]) for o in question.options],
                is_indicator=question.is_indicator,
            )
        info.ids.append(question.id)
    return found


def of_type(questions: dict[str, QuestionInfo], *types: QuestionType) -> list[QuestionInfo]:
    return [q for q in questions.values() if q.type in types]
