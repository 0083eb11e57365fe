"""Every pair of questions of one type counted in ONE statement, for the patterns table.

The chart functions in :mod:`aggregates` count one pair per statement; the patterns table tests
every pair, and a statement per pair reads the whole scope again for each (48 statements, each
growing with the data). Here one self-join of the answers of a story's own interpretation counts
all pairs at once, keyed by question id and mapped back to the question keys (a key has an id in
every framework version; an interpretation's answers all belong to one version)."""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from sqlalchemy import and_, case, func, literal_column, select, true, union_all
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


# --- triad corners: each corner's share (0–100) is tested like a slider ---------------------------

#: The three corners as a three-row table (a UNION of constants: SQLite has no column names for
#: VALUES), so that one scan of the triad answers counts all three.
_CORNERS = union_all(*(select(literal_column(str(n)).label("corner")) for n in range(3))).subquery(
    "corners"
)


def _corner_share(answer: Any) -> ColumnElement[int]:
    return case(
        (_CORNERS.c.corner == 0, answer.a), (_CORNERS.c.corner == 1, answer.b), else_=answer.c
    )


def _triads_against(
    session: Session,
    where: ColumnElement[bool],
    triads: list[QuestionInfo],
    others: list[QuestionInfo],
    column: str,
    answered: Any,
) -> dict[tuple[str, int, str], dict[tuple[int, Any], int]]:
    """(triad key, corner 0–2, other key) → (share, other's value or option) → stories."""
    triad_of, other_of = _key_of(triads), _key_of(others)
    if not triad_of or not other_of:
        return {}
    other = aliased(Answer)
    share, second = _corner_share(Answer), getattr(other, column)
    query = (
        _base(
            where,
            list(triad_of),
            None,
            Answer.question_id,
            _CORNERS.c.corner,
            share,
            other.question_id,
            second,
            func.count(),
        )
        .join(
            other,
            and_(
                other.interpretation_id == Answer.interpretation_id,
                other.question_id.in_(list(other_of)),
                answered(other),
            ),
        )
        .join(_CORNERS, true())
        .where(Answer.a.is_not(None), Answer.not_applicable.is_(False))
        .group_by(Answer.question_id, _CORNERS.c.corner, share, other.question_id, second)
    )
    found: dict[tuple[str, int, str], dict[tuple[int, Any], int]] = defaultdict(
        lambda: defaultdict(int)
    )
    for _g, tq, corner, value, oq, second_value, count in session.execute(query):
        found[triad_of[tq], int(corner), other_of[oq]][int(value), second_value] += count
    return found


def triads_against_sliders(
    session: Session,
    where: ColumnElement[bool],
    triads: list[QuestionInfo],
    sliders: list[QuestionInfo],
) -> dict[tuple[str, int, str], dict[tuple[int, Any], int]]:
    """(triad key, corner, slider key) → (share, slider value) → stories."""
    return _triads_against(session, where, triads, sliders, "value", _placed)


def triads_against_choices(
    session: Session,
    where: ColumnElement[bool],
    triads: list[QuestionInfo],
    choices: list[QuestionInfo],
) -> dict[tuple[str, int, str], dict[tuple[int, Any], int]]:
    """(triad key, corner, choice key) → (share, option) → stories."""
    return _triads_against(session, where, triads, choices, "choice", _chosen)


def corner_values(
    session: Session, where: ColumnElement[bool], triads: list[QuestionInfo]
) -> dict[tuple[str, int], dict[int, int]]:
    """(triad key, corner) → share → stories that placed the triad."""
    triad_of = _key_of(triads)
    if not triad_of:
        return {}
    share = _corner_share(Answer)
    query = (
        _base(
            where, list(triad_of), None, Answer.question_id, _CORNERS.c.corner, share, func.count()
        )
        .join(_CORNERS, true())
        .where(Answer.a.is_not(None), Answer.not_applicable.is_(False))
        .group_by(Answer.question_id, _CORNERS.c.corner, share)
    )
    found: dict[tuple[str, int], dict[int, int]] = defaultdict(lambda: defaultdict(int))
    for _g, tq, corner, value, count in session.execute(query):
        found[triad_of[tq], int(corner)][int(value)] += count
    return found
