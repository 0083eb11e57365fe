"""Between sessions: team members interpret and comment on a shared story (DESIGN §5 "Coach"),
and its author sees the team's readings next to their own.

A member's interpretation is an Interpretation with role MEMBER, one per person per story (a
second save updates it, also when two tabs save at the same moment; a unique index holds it), saved through the one save-an-interpretation function; a comment is a
Comment. Who may do either is the policy's (``interpret`` and ``comment`` on the story)."""

from __future__ import annotations

from dataclasses import dataclass, field

from flask_babel import lazy_gettext as _l
from sqlalchemy import select
from sqlalchemy.orm import Session, joinedload
from werkzeug.datastructures import MultiDict

from portal import policy
from portal.core.locks import serialize
from portal.frameworks.answers import (
    FormAnswer,
    ParsedAnswers,
    parse_answers,
    save_interpretation,
    values_from_answers,
)
from portal.models import (
    Answer,
    Comment,
    Interpretation,
    InterpretationRole,
    Question,
    QuestionType,
    Story,
    User,
)
from portal.team_sessions.comparison import StoryComparison, compare_readings
from portal.team_sessions.interpret import check_duiding
from portal.team_sessions.service import TeamSessionError

MAX_COMMENT = 5_000


@dataclass
class TeamReadings:
    comparison: StoryComparison
    names: dict[int, str]
    comments: list[Comment] = field(default_factory=list)
    #: the comments the viewer may delete, decided by the policy (the template only shows it)
    deletable: set[int] = field(default_factory=set)

    @property
    def count(self) -> int:
        readers = {
            p.user_id
            for points in self.comparison.points.values()
            for p in points
            if not p.is_author
        }
        return len(readers | {user_id for user_id, _g, _t in self.comparison.duidingen})


def signifiers(story: Story) -> list[Question]:
    return [
        q for q in story.framework.questions if q.type in (QuestionType.TRIAD, QuestionType.SLIDER)
    ]


def _own(session: Session, story: Story, user: User) -> Interpretation | None:
    return session.scalar(
        select(Interpretation)
        .where(
            Interpretation.story_id == story.id,
            Interpretation.user_id == user.id,
            Interpretation.role == InterpretationRole.MEMBER,
        )
        .order_by(Interpretation.id)
        .limit(1)
    )


def own_values(session: Session, story: Story, user: User) -> tuple[dict[str, FormAnswer], str]:
    interpretation = _own(session, story, user)
    if interpretation is None:
        return {}, ""
    answers = list(
        session.scalars(select(Answer).where(Answer.interpretation_id == interpretation.id))
    )
    return values_from_answers(signifiers(story), answers), interpretation.comment_md


def save_reading(session: Session, story: Story, user: User, form: MultiDict) -> ParsedAnswers:
    """Check and save the member's interpretation of ``story`` (refused without the right)."""
    if not policy.can(user, "interpret", story):
        raise TeamSessionError(_l("Je kunt dit verhaal niet duiden."))
    duiding = form.get("duiding", "").replace("\x00", "").replace("\r\n", "\n")
    questions = signifiers(story)
    parsed = parse_answers(questions, form, require=False)
    check_duiding(parsed, duiding)
    if parsed.errors:
        return parsed

    def target() -> Interpretation:
        # two tabs saving at once: the second waits for the first and then updates its reading
        # (the unique index uq_interpretations_member holds the line), as self_interpretation
        serialize(session, f"member-interpretation:{story.id}:{user.id}")
        interpretation = _own(session, story, user)
        if interpretation is None:
            interpretation = Interpretation(
                story_id=story.id, user_id=user.id, role=InterpretationRole.MEMBER
            )
            session.add(interpretation)
        interpretation.comment_md = duiding.strip()
        session.flush()
        return interpretation

    return save_interpretation(session, target, questions, form, require=False)


def add_comment(session: Session, story: Story, user: User, text: str) -> Comment:
    if not policy.can(user, "comment", story):
        raise TeamSessionError(_l("Je kunt bij dit verhaal geen reactie geven."))
    text = text.replace("\x00", "").strip()
    if not text or len(text) > MAX_COMMENT:
        raise TeamSessionError(_l("Schrijf een reactie van hoogstens 5000 tekens."))
    comment = Comment(story_id=story.id, user_id=user.id, body_md=text)
    session.add(comment)
    session.flush()
    return comment


def delete_comment(session: Session, comment: Comment, user: User) -> None:
    if not policy.can(user, "delete", comment):
        raise TeamSessionError(_l("Alleen wie de reactie schreef, kan haar verwijderen."))
    session.delete(comment)
    session.flush()


def team_readings(session: Session, story: Story, viewer: User) -> TeamReadings:
    """The team's readings of ``story`` against the author's, its comments, and the names of
    the people who wrote them: four statements plus the comparison's six."""
    comparison = compare_readings(session, [story.id])[story.id]
    comments = list(
        session.scalars(
            select(Comment)
            .where(Comment.story_id == story.id)
            .order_by(Comment.created_at, Comment.id)
            .options(joinedload(Comment.user))
        )
    )
    people = {p.user_id for points in comparison.points.values() for p in points}
    people |= {user_id for user_id, _g, _t in comparison.duidingen}
    rows = session.execute(select(User.id, User.display_name).where(User.id.in_(sorted(people))))
    names = {user_id: name for user_id, name in rows}
    deletable = {c.id for c in comments if policy.can(viewer, "delete", c)}
    return TeamReadings(comparison=comparison, names=names, comments=comments, deletable=deletable)
