"""Services for verhalenbegeleiders: interviews in the told language, and their lists
(respondents and consent are in ``portal.interviews.respondents``).

Plain functions taking the session first; they flush and never commit; time is passed in."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from flask_babel import lazy_gettext as _l
from sqlalchemy import Select, func, select
from sqlalchemy.orm import Session, joinedload, selectinload

from portal import policy
from portal.core.pagination import Page, paginate
from portal.frameworks.versions import current_framework
from portal.interviews.respondents import has_active_consent
from portal.models import (
    Framework,
    Respondent,
    Story,
    StoryKind,
    StoryStatus,
    User,
)
from portal.stories.service import MAX_BODY, StoryText, check_text

MAX_NOTE = 5_000
MAX_TRANSLATOR = 120
PER_PAGE = 20
#: Languages in a right-to-left script. Tigrinya and Amharic are not: Ge'ez script runs left to right.
RTL_LANGUAGES = frozenset({"ar", "fa", "ps", "he", "ur"})
#: language code → Dutch name (msgid); the told language of an interview
LANGUAGES: dict[str, str] = {
    "nl": _l("Nederlands"),
    "ar": _l("Arabisch"),
    "ti": _l("Tigrinya"),
    "fa": _l("Perzisch (Farsi/Dari)"),
    "ps": _l("Pasjtoe"),
    "so": _l("Somalisch"),
    "en": _l("Engels"),
    "fr": _l("Frans"),
    "tr": _l("Turks"),
    "uk": _l("Oekraïens"),
    "ru": _l("Russisch"),
    "ku": _l("Koerdisch"),
    "am": _l("Amhaars"),
    "ur": _l("Urdu"),
}
HOUSEHOLD_TYPES: dict[str, str] = {
    "alone": _l("alleenstaand"),
    "couple": _l("stel zonder kinderen"),
    "family": _l("gezin met kinderen"),
    "single_parent": _l("eenoudergezin"),
}


class InterviewError(ValueError):
    """A change that cannot be made; the message is fit to show."""


def text_direction(lang: str | None) -> str:
    """'rtl' for right-to-left scripts, else 'ltr'."""
    return "rtl" if (lang or "").split("-")[0].lower() in RTL_LANGUAGES else "ltr"


# --- interviews ----------------------------------------------------------------------------------


def interview_framework(session: Session) -> Framework:
    """The current interview framework, on which a new interview is answered."""
    framework = current_framework(session, StoryKind.INTERVIEW)
    if framework is None:
        raise InterviewError(
            _l("Er is nog geen vragenlijst; vraag de beheerder om 'init' te draaien.")
        )
    return framework


@dataclass
class InterviewText:
    title: str
    body_md: str
    language: str
    translation_nl: str
    translated_by: str
    facilitator_note: str
    experienced_on: date | None = None


def check_interview(
    text: InterviewText, respondent: Respondent | None, *, for_submit: bool, today: date
) -> dict[str, object]:
    """Errors per field; consent comes before content."""
    errors = check_text(
        StoryText(text.title, text.body_md, text.experienced_on), for_submit=for_submit, today=today
    )
    if respondent is None:
        errors["respondent_id"] = _l("Kies eerst een respondent.")
    elif not has_active_consent(respondent):
        errors["respondent_id"] = _l(
            "Leg eerst de toestemming van deze respondent vast; zonder toestemming bewaren we "
            "geen verhaal."
        )
    if text.language not in LANGUAGES:
        errors["language"] = _l("Kies de taal waarin het verhaal verteld is.")
    if len(text.translation_nl) > MAX_BODY:
        errors["translation_nl"] = _l(
            "De vertaling is te lang: hoogstens %(n)s tekens.", n=MAX_BODY
        )
    if len(text.translated_by) > MAX_TRANSLATOR:
        errors["translated_by"] = _l("Dit veld is te lang.")
    if len(text.facilitator_note) > MAX_NOTE:
        errors["facilitator_note"] = _l(
            "De notitie is te lang: hoogstens %(n)s tekens.", n=MAX_NOTE
        )
    if for_submit and text.language != "nl" and not text.translation_nl.strip():
        errors.setdefault("translation_nl", _l("Geef de Nederlandse vertaling."))
    return errors


def save_interview(
    session: Session,
    author: User,
    respondent: Respondent,
    text: InterviewText,
    *,
    framework: Framework,
    story: Story | None = None,
) -> Story:
    """Create or update an interview draft; refuses without an active consent."""
    refused = story is not None and not policy.can(author, "edit", story)
    if refused or not policy.can(author, "edit", respondent) or not has_active_consent(respondent):
        raise InterviewError(_l("Zonder geldige toestemming kan er geen verhaal bewaard worden."))
    if story is None:
        story = Story(
            kind=StoryKind.INTERVIEW,
            author_id=author.id,
            framework_id=framework.id,
            status=StoryStatus.DRAFT,
        )
        session.add(story)
    story.respondent_id = respondent.id
    story.title, story.body_md = text.title, text.body_md
    story.language, story.translation_nl = text.language, text.translation_nl
    story.translated_by, story.facilitator_note = text.translated_by, text.facilitator_note
    story.experienced_on = text.experienced_on
    session.flush()
    return story


def submit_interview(session: Session, story: Story, *, now: datetime) -> Story:
    if story.status is StoryStatus.DRAFT:
        story.status, story.submitted_at = StoryStatus.SUBMITTED, now
    session.flush()
    return story


# --- lists ---------------------------------------------------------------------------------------


def my_respondents(
    session: Session, user: User, *, page: int = 1, per_page: int = PER_PAGE
) -> Page[Respondent]:
    query = (
        select(Respondent)
        .where(policy.own_respondents(user))
        .options(selectinload(Respondent.consents))
        .order_by(Respondent.id.desc())
    )
    return paginate(session, query, page=page, per_page=per_page)


def all_my_respondents(session: Session, user: User, *, limit: int = 500) -> list[Respondent]:
    """For the select on the interview form."""
    return list(
        session.scalars(
            select(Respondent)
            .where(policy.own_respondents(user))
            .options(selectinload(Respondent.consents))
            .order_by(Respondent.code)
            .limit(limit)
        )
    )


def _interview_query() -> Select:
    return (
        select(Story)
        .where(Story.kind == StoryKind.INTERVIEW, Story.withdrawn_at.is_(None))
        .options(joinedload(Story.respondent).selectinload(Respondent.consents))
    )


def my_interviews(
    session: Session, user: User, *, page: int = 1, per_page: int = PER_PAGE
) -> Page[Story]:
    query = _interview_query().where(policy.own_stories(user))
    query = query.order_by(Story.updated_at.desc(), Story.id.desc())
    return paginate(session, query, page=page, per_page=per_page)


def respondent_interviews(
    session: Session, respondent: Respondent, *, limit: int = 100
) -> list[Story]:
    return list(
        session.scalars(
            select(Story)
            .where(
                Story.kind == StoryKind.INTERVIEW,
                Story.respondent_id == respondent.id,
                Story.withdrawn_at.is_(None),
            )
            .order_by(Story.id.desc())
            .limit(limit)
        )
    )


def interviews_usable_in_sessions(
    session: Session, coach: User, *, limit: int = 200
) -> list[Story]:
    """Submitted interviews whose respondent's consent covers team sessions, for a coach (the
    policy's ``put_in_session`` rule; nobody else gets any)."""
    return list(
        session.scalars(
            _interview_query()
            .where(policy.stories_for_sessions(coach))
            .order_by(Story.submitted_at.desc())
            .limit(limit)
        )
    )


def count_interviews(session: Session, user: User) -> int:
    return (
        session.scalar(
            select(func.count(Story.id)).where(
                Story.kind == StoryKind.INTERVIEW, policy.own_stories(user)
            )
        )
        or 0
    )
