"""The comparison after the reveal: per story and signifier, the author's own point against the
points of the participants (and the group's), with the spread. Aggregated in SQL: a fixed number
of statements however many participants there are.

Distances are in points of 0–100: for a slider the difference of the values; for a triad half the
sum of the differences of the three shares (how many percent of the story moved corner)."""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import Float, and_, cast, func, literal, select
from sqlalchemy.orm import Session, aliased

from portal.frameworks.answers import triad_point
from portal.models import (
    Answer,
    Interpretation,
    InterpretationRole,
    TeamSessionInterpretation,
    TeamSessionStory,
)


@dataclass
class Point:
    """One person's (or the author's, or the group's) place on one signifier."""

    user_id: int | None
    value: int | None = None  # slider
    shares: dict[str, int] | None = None  # triad
    is_author: bool = False
    is_group: bool = False
    label: str = ""

    @property
    def xy(self) -> tuple[float, float] | None:
        return triad_point(self.shares) if self.shares else None


@dataclass
class Spread:
    n: int = 0
    mean_value: float | None = None  # slider
    mean_shares: dict[str, float] | None = None  # triad
    to_author: float | None = None  # mean distance of the participants to the author's point
    between: float | None = None  # mean distance between two participants


@dataclass
class StoryComparison:
    points: dict[int, list[Point]] = field(default_factory=dict)  # by question id
    spread: dict[int, Spread] = field(default_factory=dict)
    duidingen: list[tuple[int, bool, str]] = field(default_factory=list)  # (user, group, text)


def _distance(p: type[Answer], q: type[Answer]) -> object:
    """Slider: |v1 − v2|; triad: (|a1 − a2| + |b1 − b2| + |c1 − c2|) / 2 (NULL when neither)."""
    slider = func.abs(p.value - q.value)
    triad = (func.abs(p.a - q.a) + func.abs(p.b - q.b) + func.abs(p.c - q.c)) / literal(2.0)
    return func.coalesce(cast(slider, Float), cast(triad, Float))


def compare(session: Session, items: list[TeamSessionStory]) -> dict[int, StoryComparison]:
    """The comparison of every given (revealed) session story, by session story id: five
    statements whatever the number of stories and participants."""
    ids = [item.id for item in items]
    result = {i: StoryComparison() for i in ids}
    if not ids:
        return result
    link = TeamSessionInterpretation
    placed = and_(
        Answer.not_applicable.is_(False), (Answer.value.is_not(None)) | (Answer.a.is_not(None))
    )

    # 1. every session point
    rows = session.execute(
        select(link.session_story_id, link.user_id, link.is_group, Answer)
        .join(Answer, Answer.interpretation_id == link.interpretation_id)
        .where(link.session_story_id.in_(ids), placed)
        .order_by(link.session_story_id, link.is_group, link.id)
    )
    for story_id, user_id, is_group, answer in rows:
        result[story_id].points.setdefault(answer.question_id, []).append(
            _point(answer, user_id, is_group=is_group)
        )

    # 2. the author's own points (the story's self-interpretation)
    self_rows = session.execute(
        select(TeamSessionStory.id, Interpretation.user_id, Answer)
        .join(Interpretation, Interpretation.story_id == TeamSessionStory.story_id)
        .join(Answer, Answer.interpretation_id == Interpretation.id)
        .where(
            TeamSessionStory.id.in_(ids),
            Interpretation.role == InterpretationRole.SELF,
            placed,
        )
        .order_by(Interpretation.id)
    )
    seen: set[tuple[int, int]] = set()
    for story_id, user_id, answer in self_rows:
        if (story_id, answer.question_id) in seen:
            continue
        seen.add((story_id, answer.question_id))
        result[story_id].points.setdefault(answer.question_id, []).insert(
            0, _point(answer, user_id, is_author=True)
        )

    # 3. means and counts of the participants' points
    mine = aliased(Answer)
    participants = (
        select(
            link.session_story_id.label("sid"),
            link.id.label("lid"),
            mine.question_id.label("qid"),
            mine.value,
            mine.a,
            mine.b,
            mine.c,
        )
        .join(mine, mine.interpretation_id == link.interpretation_id)
        .where(
            link.session_story_id.in_(ids),
            link.is_group.is_(False),
            mine.not_applicable.is_(False),
            (mine.value.is_not(None)) | (mine.a.is_not(None)),
        )
        # computed first, from the session's few links: never a scan of every answer to a question
        .cte("session_points")
        .prefix_with("MATERIALIZED")
    )
    for sid, qid, n, value, a, b, c in session.execute(
        select(
            participants.c.sid,
            participants.c.qid,
            func.count(),
            func.avg(participants.c.value),
            func.avg(participants.c.a),
            func.avg(participants.c.b),
            func.avg(participants.c.c),
        ).group_by(participants.c.sid, participants.c.qid)
    ):
        spread = result[sid].spread.setdefault(qid, Spread())
        spread.n = n
        spread.mean_value = _round(value)
        if a is not None:
            spread.mean_shares = {"a": _round(a), "b": _round(b), "c": _round(c)}

    # 4. mean distance to the author's point
    p = aliased(participants)
    author = (
        select(
            TeamSessionStory.id.label("sid"),
            Answer.question_id.label("qid"),
            func.min(Answer.value).label("value"),
            func.min(Answer.a).label("a"),
            func.min(Answer.b).label("b"),
            func.min(Answer.c).label("c"),
        )
        .join(Interpretation, Interpretation.story_id == TeamSessionStory.story_id)
        .join(Answer, Answer.interpretation_id == Interpretation.id)
        .where(TeamSessionStory.id.in_(ids), Interpretation.role == InterpretationRole.SELF, placed)
        .group_by(TeamSessionStory.id, Answer.question_id)
        .cte("author_points")
        .prefix_with("MATERIALIZED")
    )
    for sid, qid, distance in session.execute(
        select(p.c.sid, p.c.qid, func.avg(_distance(p.c, author.c)))
        .join(author, and_(author.c.sid == p.c.sid, author.c.qid == p.c.qid))
        .group_by(p.c.sid, p.c.qid)
    ):
        result[sid].spread.setdefault(qid, Spread()).to_author = _round(distance)

    # 5. mean distance between two participants (each pair once)
    q = aliased(participants)
    for sid, qid, distance in session.execute(
        select(p.c.sid, p.c.qid, func.avg(_distance(p.c, q.c)))
        .join(q, and_(q.c.sid == p.c.sid, q.c.qid == p.c.qid, q.c.lid > p.c.lid))
        .group_by(p.c.sid, p.c.qid)
    ):
        result[sid].spread.setdefault(qid, Spread()).between = _round(distance)

    # 6. the duidingen
    for sid, user_id, is_group, text in session.execute(
        select(link.session_story_id, link.user_id, link.is_group, Interpretation.comment_md)
        .join(Interpretation, Interpretation.id == link.interpretation_id)
        .where(link.session_story_id.in_(ids), Interpretation.comment_md != "")
        .order_by(link.session_story_id, link.is_group, link.id)
    ):
        result[sid].duidingen.append((user_id, is_group, text))
    return result


def _point(
    answer: Answer, user_id: int, *, is_author: bool = False, is_group: bool = False
) -> Point:
    shares = {"a": answer.a, "b": answer.b, "c": answer.c} if answer.a is not None else None
    return Point(user_id, answer.value, shares, is_author=is_author, is_group=is_group)


def _round(number: float | None) -> float | None:
    return None if number is None else round(float(number), 1)
