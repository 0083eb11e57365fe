"""Interpreting a story in a session: the same triads and sliders as its author, and a short
duiding; stored through the one save-an-interpretation function, one per person per story per
session (a second save updates the first)."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from sqlalchemy import select
from sqlalchemy.orm import Session
from werkzeug.datastructures import MultiDict

from portal import policy
from portal.frameworks.answers import (
    MAX_TEXT,
    FormAnswer,
    ParsedAnswers,
    parse_answers,
    save_interpretation,
    values_from_answers,
)
from portal.models import (
    Answer,
    Interpretation,
    InterpretationRole,
    Question,
    QuestionType,
    TeamSession,
    TeamSessionInterpretation,
    TeamSessionStory,
    User,
)
from portal.team_sessions.phases import phase_of
from portal.team_sessions.service import TeamSessionError

SIGNIFIERS = (QuestionType.TRIAD, QuestionType.SLIDER)


def signifier_questions(item: TeamSessionStory) -> list[Question]:
    """The story's triads and sliders, from the framework version its author answered."""
    return [q for q in item.story.framework.questions if q.type in SIGNIFIERS]


def _check(team_session: TeamSession, item: TeamSessionStory, user: User, group: bool) -> None:
    if group:
        if not policy.can(user, "run", team_session):
            raise TeamSessionError(_l("Alleen de coach legt de duiding van de groep vast."))
    elif not policy.can(user, "interpret", team_session):
        raise TeamSessionError(
            _l("Je kunt in deze sessie niet (meer) duiden: ze is gesloten of je doet niet mee.")
        )
    if not phase_of(team_session.method, team_session.phase).interpret and not group:
        raise TeamSessionError(_l("In deze fase wordt niet geduid; wacht op de coach."))
    if item.revealed and not group:
        raise TeamSessionError(_l("De antwoorden zijn al onthuld; je duiding ligt vast."))


def _link(
    session: Session, item: TeamSessionStory, user: User, group: bool
) -> TeamSessionInterpretation | None:
    return session.scalar(
        select(TeamSessionInterpretation).where(
            TeamSessionInterpretation.session_story_id == item.id,
            TeamSessionInterpretation.user_id == user.id,
            TeamSessionInterpretation.is_group.is_(group),
        )
    )


def save(
    session: Session,
    team_session: TeamSession,
    item: TeamSessionStory,
    user: User,
    form: MultiDict,
    *,
    group: bool = False,
) -> ParsedAnswers:
    """Check, then save ``user``'s interpretation of ``item`` (the group's with ``group``).

    Refused (``TeamSessionError``) when the session is not open, the person no longer takes part,
    the phase takes no positions or the answers were revealed; the form keeps its text either
    way. Returns the parsed answers with their errors (nothing stored when there are any)."""
    _check(team_session, item, user, group)
    duiding = form.get("duiding", "").replace("\x00", "").replace("\r\n", "\n")
    questions = signifier_questions(item)

    def target() -> Interpretation:
        link = _link(session, item, user, group)
        if link is not None:
            interpretation = session.get(Interpretation, link.interpretation_id)
            assert interpretation is not None
        else:
            interpretation = Interpretation(
                story_id=item.story_id, user_id=user.id, role=InterpretationRole.SESSION
            )
            session.add(interpretation)
            session.flush()
            session.add(
                TeamSessionInterpretation(
                    session_story_id=item.id,
                    user_id=user.id,
                    interpretation_id=interpretation.id,
                    is_group=group,
                )
            )
        interpretation.comment_md = duiding.strip()
        session.flush()
        return interpretation

    parsed = parse_answers(questions, form, require=False)
    check_duiding(parsed, duiding)
    if parsed.errors:
        return parsed
    return save_interpretation(session, target, questions, form, require=False)


def own_values(
    session: Session, item: TeamSessionStory, user: User, *, group: bool = False
) -> tuple[dict[str, FormAnswer], str]:
    """The person's saved answers to refill the form, and their duiding."""
    link = _link(session, item, user, group)
    if link is None:
        return {}, ""
    interpretation = session.get(Interpretation, link.interpretation_id)
    answers = list(
        session.scalars(select(Answer).where(Answer.interpretation_id == link.interpretation_id))
    )
    return values_from_answers(signifier_questions(item), answers), (
        interpretation.comment_md if interpretation else ""
    )


def answered(session: Session, stories: list[TeamSessionStory]) -> dict[int, set[int]]:
    """Who has answered each story (participants' own, not the group's): never what."""
    ids = [item.id for item in stories]
    result: dict[int, set[int]] = {i: set() for i in ids}
    if not ids:
        return result
    rows = session.execute(
        select(TeamSessionInterpretation.session_story_id, TeamSessionInterpretation.user_id).where(
            TeamSessionInterpretation.session_story_id.in_(ids),
            TeamSessionInterpretation.is_group.is_(False),
        )
    )
    for story_id, user_id in rows:
        result[story_id].add(user_id)
    return result


def check_duiding(parsed: ParsedAnswers, duiding: str) -> None:
    """A reading needs a duiding of at most MAX_TEXT characters or at least one placed answer;
    the error goes beside the other answers' errors in ``parsed``."""
    if len(duiding) > MAX_TEXT:
        parsed.errors["duiding"] = _l(
            "Hoogstens %(n)s tekens; nu %(count)s.", n=MAX_TEXT, count=len(duiding)
        )
    elif not duiding.strip() and not any(v.answered for v in parsed.values.values()):
        parsed.errors["duiding"] = _l(
            "Plaats het verhaal op minstens één vraag of schrijf een duiding."
        )
