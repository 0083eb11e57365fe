"""The tag vocabulary as the beheerder keeps it (``/admin/tags``): list with usage counts, add a
tag, edit its labels and description, retire it and take it back into use.

A tag's code is fixed once made: it is what filters, bookmarks and exports name. A tag is never
deleted: retiring it stops it being offered for tagging, while the stories that carry it keep it
and every filter still finds them. The beheerder reads no story content, so the list shows counts
only. Plain functions; they flush, the view commits."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime

from flask_babel import lazy_gettext as _l
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from portal.core.locks import serialize
from portal.models import Tag, story_tags, team_session_themes

#: The same shape the story filter accepts for a tag in the URL (``tag=goede_start``).
CODE = re.compile(r"^[a-z][a-z0-9_]*$")
MAX_CODE = 64
MAX_LABEL = 200
MAX_DESCRIPTION = 1_000


class TagError(ValueError):
    """The tag cannot be saved; ``messages`` by form field name."""

    def __init__(self, messages: dict[str, object]) -> None:
        super().__init__("tag refused")
        self.messages = messages


@dataclass
class TagRow:
    tag: Tag
    stories: int
    sessions: int


def list_vocabulary(session: Session) -> list[TagRow]:
    """Every tag, those in use before the retired ones, by Dutch label, with how many stories
    and sessions carry it (three statements, whatever the number of tags)."""
    tags = list(
        session.scalars(
            select(Tag).order_by(Tag.retired_at.is_not(None), func.lower(Tag.label_nl), Tag.id)
        )
    )
    stories = dict(
        session.execute(
            select(story_tags.c.tag_id, func.count()).group_by(story_tags.c.tag_id)
        ).all()
    )
    sessions = dict(
        session.execute(
            select(team_session_themes.c.tag_id, func.count()).group_by(
                team_session_themes.c.tag_id
            )
        ).all()
    )
    return [TagRow(t, stories.get(t.id, 0), sessions.get(t.id, 0)) for t in tags]


def lock_vocabulary(session: Session) -> None:
    """Serialize everything that adds a tag (the beheerder's form, a session's themes): two at
    once with the same code would otherwise meet the unique index instead of the check."""
    serialize(session, "tag-vocabulary")


def get_tag(session: Session, tag_id: int) -> Tag | None:
    return session.get(Tag, tag_id)


def _check_code(session: Session, code: str) -> object | None:
    if not code:
        return _l("Vul een code in.")
    if len(code) > MAX_CODE:
        return _l("Een code heeft hooguit 64 tekens.")
    if not CODE.match(code):
        return _l(
            "Een code bestaat uit kleine letters (a-z), cijfers en liggende streepjes (_) en "
            "begint met een letter, bijvoorbeeld goede_start."
        )
    if session.scalar(select(Tag.id).where(Tag.code == code)) is not None:
        return _l("De code %(code)s bestaat al; kies een andere.", code=code)
    return None


def _check_texts(
    session: Session, label_nl: str, label_en: str, description: str, tag: Tag | None
) -> dict[str, object]:
    problems: dict[str, object] = {}
    for field, label, missing in (
        ("label_nl", label_nl, _l("Vul het Nederlandse label in.")),
        ("label_en", label_en, _l("Vul het Engelse label in.")),
    ):
        if not label:
            problems[field] = missing
        elif len(label) > MAX_LABEL:
            problems[field] = _l("Een label heeft hooguit 200 tekens.")
    if len(description) > MAX_DESCRIPTION:
        problems["description"] = _l("Een omschrijving heeft hooguit 1000 tekens.")
    column = {"label_nl": Tag.label_nl, "label_en": Tag.label_en}
    for field, label in (("label_nl", label_nl), ("label_en", label_en)):
        if field in problems:
            continue
        same = select(Tag.id).where(func.lower(column[field]) == label.lower())
        if tag is not None:
            same = same.where(Tag.id != tag.id)
        if session.scalar(same.limit(1)) is not None:
            problems[field] = _l("Er is al een thema met het label %(label)s.", label=label)
    return problems


def create_tag(
    session: Session, *, code: str, label_nl: str, label_en: str, description: str = ""
) -> Tag:
    code, label_nl, label_en = code.strip(), label_nl.strip(), label_en.strip()
    description = description.strip()
    lock_vocabulary(session)
    problems = _check_texts(session, label_nl, label_en, description, None)
    code_problem = _check_code(session, code)
    if code_problem is not None:
        problems["code"] = code_problem
    if problems:
        raise TagError(problems)
    tag = Tag(code=code, label_nl=label_nl, label_en=label_en, description=description)
    session.add(tag)
    session.flush()
    return tag


def update_tag(
    session: Session, tag: Tag, *, label_nl: str, label_en: str, description: str = ""
) -> None:
    """New labels and description; the code stays as it is."""
    label_nl, label_en, description = label_nl.strip(), label_en.strip(), description.strip()
    problems = _check_texts(session, label_nl, label_en, description, tag)
    if problems:
        raise TagError(problems)
    tag.label_nl, tag.label_en, tag.description = label_nl, label_en, description
    session.flush()


def retire_tag(session: Session, tag: Tag, *, now: datetime) -> None:
    if tag.retired_at is None:
        tag.retired_at = now
        session.flush()


def reactivate_tag(session: Session, tag: Tag) -> None:
    tag.retired_at = None
    session.flush()
