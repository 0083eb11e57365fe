"""Story services for the reflection loop: drafts, steps, submit, share, withdraw, lists.

Plain functions taking the session first; they flush and never commit."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from flask_babel import lazy_gettext as _l
from sqlalchemy import ColumnElement, Select, select
from sqlalchemy.orm import Session, joinedload, selectinload

from portal import policy
from portal.core.locks import serialize
from portal.core.pagination import Page, Window, paginate, paginate_window
from portal.cycles.participation import wrote_in_cycle
from portal.cycles.schedule import cycle_on, ensure_cycle, home_team, local_today
from portal.frameworks.answers import unanswered_required
from portal.frameworks.versions import current_framework
from portal.models import (
    Answer,
    Cycle,
    Framework,
    Interpretation,
    InterpretationRole,
    Question,
    Respondent,
    Story,
    StoryKind,
    StoryStatus,
    User,
)

MAX_TITLE = 200
MAX_BODY = 20_000
PER_PAGE = 20


class StoryError(ValueError):
    """A story change that cannot be made; the message is fit to show."""


class SubmitRefused(StoryError):
    """A draft that is not ready: its text errors per field and the required questions it has
    not answered, all at once, so the writer sees every problem in one summary."""

    def __init__(self, text_errors: dict[str, object], missing: list[Question]) -> None:
        first = next(iter(text_errors.values()), None) or _l("Beantwoord eerst alle vragen.")
        super().__init__(first)
        self.text_errors = text_errors
        self.missing = missing


@dataclass
class StoryText:
    title: str
    body_md: str
    experienced_on: date | None


def clean_text(value: str | None) -> str:
    """Text as typed, minus NUL bytes and with Windows line ends made plain."""
    return (value or "").replace("\x00", "").replace("\r\n", "\n")


def check_text(
    text: StoryText, *, for_submit: bool, today: date, new: bool = False
) -> dict[str, object]:
    """Errors per field ('title', 'body_md', 'experienced_on'); empty when all is well. A
    ``new`` story needs a title or a beginning: an empty form makes no draft."""
    errors: dict[str, object] = {}
    if new and not (text.title.strip() or text.body_md.strip()):
        errors["title"] = _l("Geef je verhaal een titel of schrijf een begin; dan bewaren we het.")
    if len(text.title) > MAX_TITLE:
        errors["title"] = _l("De titel is te lang: hoogstens %(n)s tekens.", n=MAX_TITLE)
    if len(text.body_md) > MAX_BODY:
        errors["body_md"] = _l(
            "Je verhaal is te lang: hoogstens %(n)s tekens (nu %(count)s).",
            n=MAX_BODY,
            count=len(text.body_md),
        )
    if text.experienced_on and text.experienced_on > today:
        errors["experienced_on"] = _l("De datum van de ervaring ligt in de toekomst.")
    if for_submit:
        if not text.title.strip():
            errors.setdefault("title", _l("Geef je verhaal een titel."))
        if not text.body_md.strip():
            errors.setdefault("body_md", _l("Schrijf je verhaal voordat je het indient."))
    return errors


def writing_cycle(
    session: Session,
    user: User,
    *,
    now: datetime,
    cycle_id: int | None = None,
    store: bool = False,
) -> Cycle | None:
    """The cycle a new story belongs to: the one asked for if it is the user's and has begun
    (a chosen prompt stores a cycle early), else today's. Pages ask with ``store=False`` and may get
    an unsaved cycle (see :func:`cycle_on`); the write that creates the story asks with ``store=True``."""
    if cycle_id is not None:
        cycle = session.get(Cycle, cycle_id)
        if cycle is not None and policy.can(user, "write_in", cycle):
            team = next(t for t in user.teams if t.id == cycle.team_id)
            if cycle.starts_on <= local_today(team, now):
                return cycle
    team = home_team(user)
    if team is None:
        return None
    day = local_today(team, now)
    return ensure_cycle(session, team, day) if store else cycle_on(session, team, day)


def create_draft(
    session: Session,
    author: User,
    text: StoryText,
    *,
    cycle: Cycle | None,
    framework: Framework,
) -> Story:
    team = home_team(author)
    story = Story(
        kind=StoryKind.REFLECTION,
        author_id=author.id,
        team_id=cycle.team_id if cycle else (team.id if team else None),
        cycle_id=cycle.id if cycle else None,
        framework_id=framework.id,
        title=text.title,
        body_md=text.body_md,
        experienced_on=text.experienced_on,
        status=StoryStatus.DRAFT,
    )
    session.add(story)
    session.flush()
    return story


def update_text(session: Session, story: Story, text: StoryText) -> Story:
    story.title, story.body_md, story.experienced_on = text.title, text.body_md, text.experienced_on
    session.flush()
    return story


def get_story(session: Session, story_id: int) -> Story | None:
    """One story with what the policy and the pages need, in a bounded number of queries."""
    return session.scalar(
        select(Story)
        .where(Story.id == story_id)
        .options(
            joinedload(Story.author),
            joinedload(Story.cycle),
            joinedload(Story.framework).selectinload(Framework.questions),
            joinedload(Story.respondent).selectinload(Respondent.consents),
        )
    )


def self_interpretation(
    session: Session, story: Story, *, create: bool = False
) -> Interpretation | None:
    """The author's own interpretation with its answers, created on demand (one per story: two
    tabs saving the first answers at once share it, and a unique index holds the line)."""
    if create:
        serialize(session, f"self-interpretation:{story.id}")
    interpretation = session.scalar(
        select(Interpretation)
        .where(Interpretation.story_id == story.id, Interpretation.role == InterpretationRole.SELF)
        .options(selectinload(Interpretation.answers))
        .order_by(Interpretation.id)
        .limit(1)
    )
    if interpretation is None and create:
        interpretation = Interpretation(
            story_id=story.id, user_id=story.author_id, role=InterpretationRole.SELF
        )
        interpretation.answers = []
        session.add(interpretation)
        session.flush()
    return interpretation


def own_answers(session: Session, story: Story | None) -> list[Answer]:
    """The answers of the author's own interpretation (none yet: an empty list)."""
    interpretation = self_interpretation(session, story) if story is not None else None
    return [] if interpretation is None else list(interpretation.answers)


def missing_required(session: Session, story: Story) -> list[Question]:
    """The required questions of the story's framework the author has not answered yet."""
    return unanswered_required(story.framework.questions, own_answers(session, story))


def set_shared_with_team(session: Session, story: Story, *, shared: bool) -> None:
    """Let the author's team read the story, or stop it."""
    story.shared_with_team = shared
    session.flush()


def submit(session: Session, story: Story, *, now: datetime, today: date) -> Story:
    """Submit a draft; ``today`` is the author's local date (a story may not be in the future).
    Refuses, with every problem, a draft without its text or its required answers."""
    errors = check_text(
        StoryText(story.title, story.body_md, story.experienced_on),
        for_submit=True,
        today=today,
    )
    missing = missing_required(session, story) if story.is_draft else []
    if errors or missing:
        raise SubmitRefused(errors, missing)
    if story.status is StoryStatus.DRAFT:
        story.status = StoryStatus.SUBMITTED
        story.submitted_at = now
    session.flush()
    return story


def withdraw(session: Session, story: Story, *, now: datetime) -> None:
    """Soft delete: gone from every view from now on."""
    if story.withdrawn_at is not None:
        raise StoryError(_l("Dit verhaal is al ingetrokken."))
    story.withdrawn_at = now
    story.shared_with_team = False
    session.flush()


def delete_draft(session: Session, story: Story) -> None:
    if story.status is not StoryStatus.DRAFT:
        raise StoryError(_l("Alleen een concept kun je verwijderen; trek een verhaal in."))
    session.delete(story)
    session.flush()


# --- lists ---------------------------------------------------------------------------------------


def _list_query(where: ColumnElement[bool]) -> Select:
    return (
        select(Story)
        .where(Story.kind == StoryKind.REFLECTION, where)
        .options(joinedload(Story.cycle), joinedload(Story.author))
        .order_by(Story.submitted_at.desc(), Story.id.desc())
    )


def my_stories(
    session: Session,
    user: User,
    *,
    page: int = 1,
    cycle_id: int | None = None,
    shared: bool | None = None,
    per_page: int = PER_PAGE,
) -> Page[Story]:
    query = _list_query(policy.own_stories(user)).where(Story.status == StoryStatus.SUBMITTED)
    if cycle_id is not None:
        query = query.where(Story.cycle_id == cycle_id)
    if shared is not None:
        query = query.where(Story.shared_with_team.is_(shared))
    return paginate(session, query, page=page, per_page=per_page)


def team_stories(
    session: Session, user: User, *, page: int = 1, per_page: int = PER_PAGE
) -> Window[Story]:
    """Stories shared with the user's teams (their own included), newest first: a window, not a
    count, since a team's list grows with every cycle."""
    query = _list_query(policy.shared_in_teams(user))
    return paginate_window(session, query, page=page, per_page=per_page)


def drafts(session: Session, user: User, *, limit: int = 10) -> list[Story]:
    return list(
        session.scalars(
            select(Story)
            .where(policy.own_stories(user), Story.status == StoryStatus.DRAFT)
            .order_by(Story.updated_at.desc())
            .limit(limit)
        )
    )


def my_cycles(session: Session, user: User) -> list[Cycle]:
    """Cycles the user wrote in, for the filter on "Mijn verhalen"."""
    return list(
        session.scalars(
            select(Cycle)
            .where(Cycle.id.in_(select(Story.cycle_id).where(policy.own_stories(user))))
            .order_by(Cycle.starts_on.desc())
        )
    )


@dataclass
class WriterOverview:
    """What a klantmanager's home page shows."""

    cycle: Cycle | None
    wrote: bool
    drafts: list[Story]
    latest: list[Story]


def writer_overview(session: Session, user: User, *, now: datetime) -> WriterOverview:
    cycle = writing_cycle(session, user, now=now)
    return WriterOverview(
        cycle=cycle,
        wrote=bool(cycle) and wrote_in_cycle(session, user, cycle),
        drafts=drafts(session, user, limit=5),
        latest=my_stories(session, user, per_page=5).items,
    )


def framework_for(session: Session, kind: StoryKind) -> Framework:
    framework = current_framework(session, kind)
    if framework is None:
        raise StoryError(_l("Er is nog geen vragenlijst; vraag de beheerder om 'init' te draaien."))
    return framework
