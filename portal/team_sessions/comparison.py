"""The comparison after the reveal: per story and signifier, the author's own point against the
points of the participants (and the group's), with the spread. Aggregated in SQL: a fixed number
of statements however many participants there are.

Distances are in points of 0–100: for a slider the difference of the values; for a triad half the
sum of the differences of the three shares (how many percent of the story moved corner)."""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import Float, Select, and_, cast, false, func, literal, select
from sqlalchemy.orm import Session, aliased

from portal.frameworks.answers import triad_point
from portal.models import (
    Answer,
    Interpretation,
    InterpretationRole,
    Story,
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
    """The comparison of every given (revealed) session story, by session story id: six
    statements whatever the number of stories and participants."""
    ids = [item.id for item in items]
    link = TeamSessionInterpretation
    links = select(
        link.session_story_id.label("sid"),
        link.id.label("lid"),
        link.user_id.label("user_id"),
        link.is_group.label("is_group"),
        link.interpretation_id.label("interpretation_id"),
    ).where(link.session_story_id.in_(ids))
    stories_of = select(
        TeamSessionStory.id.label("sid"), TeamSessionStory.story_id.label("story_id")
    ).where(TeamSessionStory.id.in_(ids))
    return _compare(session, ids, links, stories_of)


def compare_readings(session: Session, story_ids: list[int]) -> dict[int, StoryComparison]:
    """The same comparison for stories read between sessions: the author's own point against
    the team members' interpretations (role MEMBER), by story id."""
    links = select(
        Interpretation.story_id.label("sid"),
        Interpretation.id.label("lid"),
        Interpretation.user_id.label("user_id"),
        false().label("is_group"),
        Interpretation.id.label("interpretation_id"),
    ).where(
        Interpretation.story_id.in_(story_ids), Interpretation.role == InterpretationRole.MEMBER
    )
    stories_of = select(Story.id.label("sid"), Story.id.label("story_id")).where(
        Story.id.in_(story_ids)
    )
    return _compare(session, story_ids, links, stories_of)


def _compare(
    session: Session, ids: list[int], link_rows: Select, story_rows: Select
) -> dict[int, StoryComparison]:
    """``link_rows``: (sid, lid, user_id, is_group, interpretation_id) of the interpretations to
    compare; ``story_rows``: (sid, story_id), whose self-interpretation is the author's point."""
    result = {i: StoryComparison() for i in ids}
    if not ids:
        return result
    # computed first, from the few rows asked for: never a scan of every answer to a question
    links = link_rows.cte("compared").prefix_with("MATERIALIZED")
    stories_of = story_rows.cte("compared_stories").prefix_with("MATERIALIZED")
    placed = and_(
        Answer.not_applicable.is_(False), (Answer.value.is_not(None)) | (Answer.a.is_not(None))
    )

    # 1. every point of the compared interpretations
    rows = session.execute(
        select(links.c.sid, links.c.user_id, links.c.is_group, Answer)
        .join(Answer, Answer.interpretation_id == links.c.interpretation_id)
        .where(placed)
        .order_by(links.c.sid, links.c.is_group, links.c.lid)
    )
    for sid, user_id, is_group, answer in rows:
        result[sid].points.setdefault(answer.question_id, []).append(
            _point(answer, user_id, is_group=is_group)
        )

    # 2. the author's own points (the story's self-interpretation)
    self_rows = session.execute(
        select(stories_of.c.sid, Interpretation.user_id, Answer)
        .join(Interpretation, Interpretation.story_id == stories_of.c.story_id)
        .join(Answer, Answer.interpretation_id == Interpretation.id)
        .where(Interpretation.role == InterpretationRole.SELF, placed)
        .order_by(Interpretation.id)
    )
    seen: set[tuple[int, int]] = set()
    for sid, user_id, answer in self_rows:
        if (sid, answer.question_id) in seen:
            continue
        seen.add((sid, answer.question_id))
        result[sid].points.setdefault(answer.question_id, []).insert(
            0, _point(answer, user_id, is_author=True)
        )

    # 3. means and counts of the participants' points (the group's is not one of them)
    mine = aliased(Answer)
    participants = (
        select(
            links.c.sid,
            links.c.lid,
            mine.question_id.label("qid"),
            mine.value,
            mine.a,
            mine.b,
            mine.c,
        )
        .join(mine, mine.interpretation_id == links.c.interpretation_id)
        .where(
            links.c.is_group.is_(False),
            mine.not_applicable.is_(False),
            (mine.value.is_not(None)) | (mine.a.is_not(None)),
        )
        .cte("compared_points")
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
            stories_of.c.sid,
            Answer.question_id.label("qid"),
            func.min(Answer.value).label("value"),
            func.min(Answer.a).label("a"),
            func.min(Answer.b).label("b"),
            func.min(Answer.c).label("c"),
        )
        .join(Interpretation, Interpretation.story_id == stories_of.c.story_id)
        .join(Answer, Answer.interpretation_id == Interpretation.id)
        .where(Interpretation.role == InterpretationRole.SELF, placed)
        .group_by(stories_of.c.sid, Answer.question_id)
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
        select(links.c.sid, links.c.user_id, links.c.is_group, Interpretation.comment_md)
        .join(Interpretation, Interpretation.id == links.c.interpretation_id)
        .where(Interpretation.comment_md != "")
        .order_by(links.c.sid, links.c.is_group, links.c.lid)
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
