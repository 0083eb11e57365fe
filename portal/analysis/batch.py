"""Every pair of questions of one type counted in ONE statement, for the patterns table.

The chart functions in :mod:`aggregates` count one pair per statement; the patterns table tests
every pair, and a statement per pair reads the whole scope again for each (48 statements, each
growing with the data). Here one self-join of the answers of a story's own interpretation counts
all pairs at once, keyed by question id and mapped back to the question keys (a key has an id in
every framework version; an interpretation's answers all belong to one version)."""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from sqlalchemy import and_, func
from sqlalchemy.orm import Session, aliased
from sqlalchemy.sql import ColumnElement

from portal.analysis.aggregates import _base
from portal.analysis.questions import QuestionInfo
from portal.models import Answer

#: (first key, second key) → (first value, second value) → stories
PairCounts = dict[tuple[str, str], dict[tuple[Any, Any], int]]


def _key_of(questions: list[QuestionInfo]) -> dict[int, str]:
    return {qid: q.key for q in questions for qid in q.ids}


def _placed(answer: Any) -> ColumnElement[bool]:
    return and_(answer.value.is_not(None), answer.not_applicable.is_(False))


def _chosen(answer: Any) -> ColumnElement[bool]:
    return answer.choice.is_not(None)


def _within(
    session: Session,
    where: ColumnElement[bool],
    questions: list[QuestionInfo],
    column: str,
    answered: Any,
) -> PairCounts:
    """Pairs of two different questions of ``questions`` (in their list order)."""
    key_of = _key_of(questions)
    rank = {q.key: n for n, q in enumerate(questions)}
    other = aliased(Answer)
    first_value, second_value = getattr(Answer, column), getattr(other, column)
    query = (
        _base(
            where,
            list(key_of),
            None,
            Answer.question_id,
            first_value,
            other.question_id,
            second_value,
            func.count(),
        )
        .join(
            other,
            and_(
                other.interpretation_id == Answer.interpretation_id,
                other.question_id.in_(list(key_of)),
                other.question_id > Answer.question_id,  # each unordered pair once
                answered(other),
            ),
        )
        .where(answered(Answer))
        .group_by(Answer.question_id, first_value, other.question_id, second_value)
    )
    found: PairCounts = defaultdict(lambda: defaultdict(int))
    for _g, q1, v1, q2, v2, count in session.execute(query):
        (k1, v1), (k2, v2) = sorted(
            ((key_of[q1], v1), (key_of[q2], v2)), key=lambda kv: rank[kv[0]]
        )
        found[k1, k2][v1, v2] += count
    return found


def contingencies(
    session: Session, where: ColumnElement[bool], choices: list[QuestionInfo]
) -> PairCounts:
    """(choice key, choice key) → (option, option) → stories, for every pair of choices."""
    return _within(session, where, choices, "choice", _chosen)


def slider_pairs(
    session: Session, where: ColumnElement[bool], sliders: list[QuestionInfo]
) -> PairCounts:
    """(slider key, slider key) → (value, value) → stories that placed both (n.v.t. left out)."""
    return _within(session, where, sliders, "value", _placed)


def slider_values(
    session: Session, where: ColumnElement[bool], sliders: list[QuestionInfo]
) -> dict[str, dict[int, int]]:
    """slider key → value → stories (n.v.t. left out)."""
    key_of = _key_of(sliders)
    query = (
        _base(where, list(key_of), None, Answer.question_id, Answer.value, func.count())
        .where(_placed(Answer))
        .group_by(Answer.question_id, Answer.value)
    )
    found: dict[str, dict[int, int]] = defaultdict(lambda: defaultdict(int))
    for _g, qid, value, count in session.execute(query):
        found[key_of[qid]][int(value)] += count
    return found


def slider_by_option(
    session: Session,
    where: ColumnElement[bool],
    sliders: list[QuestionInfo],
    choices: list[QuestionInfo],
) -> dict[tuple[str, str], dict[str, dict[int, int]]]:
    """(slider key, choice key) → option → slider value → stories with that option."""
    slider_of, choice_of = _key_of(sliders), _key_of(choices)
    other = aliased(Answer)
    query = (
        _base(
            where,
            list(slider_of),
            None,
            Answer.question_id,
            Answer.value,
            other.question_id,
            other.choice,
            func.count(),
        )
        .join(
            other,
            and_(
                other.interpretation_id == Answer.interpretation_id,
                other.question_id.in_(list(choice_of)),
                _chosen(other),
            ),
        )
        .where(_placed(Answer))
        .group_by(Answer.question_id, Answer.value, other.question_id, other.choice)
    )
    found: dict[tuple[str, str], dict[str, dict[int, int]]] = defaultdict(
        lambda: defaultdict(lambda: defaultdict(int))
    )
    for _g, sq, value, cq, option, count in session.execute(query):
        found[slider_of[sq], choice_of[cq]][option][int(value)] += count
    return found
