"""Editing a framework as a new version (issue 16). A published version never changes: the
beheerder makes a draft copy (the next version number), edits its questions, and publishes it,
which also makes it the active version of its kind. Keys are stable: a key keeps its type in every
version of a kind, so exports, charts and stories on older versions keep their meaning."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime

from flask_babel import lazy_gettext as _l
from sqlalchemy import func, select, update
from sqlalchemy.orm import Session, selectinload

from portal.frameworks import translations
from portal.models import Framework, Question, QuestionType, Story, StoryKind

KEY_RE = re.compile(r"^[a-z][a-z0-9_]{0,39}$")
#: How many options each type needs: (at least, at most).
OPTION_COUNTS = {
    QuestionType.SLIDER: (2, 2),
    QuestionType.TRIAD: (3, 3),
    QuestionType.CHOICE: (1, 50),
    QuestionType.MULTICHOICE: (1, 50),
    QuestionType.TEXT: (0, 0),
}


class FrameworkError(ValueError):
    """A version that cannot be saved; ``where`` names the question (its position) or None."""

    def __init__(self, message: object, where: int | None = None) -> None:
        super().__init__(message)
        self.where = where


@dataclass
class QuestionSpec:
    key: str
    type: str
    text_nl: str
    text_en: str
    options: list[dict] = field(default_factory=list)
    required: bool = False
    is_indicator: bool = False


def list_versions(session: Session) -> list[tuple[Framework, int]]:
    """Every version with its number of stories (one GROUP BY), by kind and version."""
    counts = dict(
        session.execute(select(Story.framework_id, func.count()).group_by(Story.framework_id)).all()
    )
    versions = session.scalars(select(Framework).order_by(Framework.kind, Framework.version.desc()))
    return [(f, counts.get(f.id, 0)) for f in versions]


def load(session: Session, framework_id: int) -> Framework | None:
    return session.scalar(
        select(Framework)
        .where(Framework.id == framework_id)
        .options(selectinload(Framework.questions))
    )


def active_ids(session: Session) -> set[int]:
    """The active version of each kind: the one chosen, else the newest published."""
    from portal.frameworks.versions import current_framework

    ids = set()
    for kind in StoryKind:
        framework = current_framework(session, kind)
        if framework is not None:
            ids.add(framework.id)
    return ids


def parse_options(raw: str) -> list[dict]:
    """Lines ``key | Nederlands | English`` (English may be left out) into option dicts."""
    options = []
    for line in raw.splitlines():
        if not line.strip():
            continue
        parts = [p.strip() for p in line.split("|")]
        key, nl = parts[0], parts[1] if len(parts) > 1 else ""
        en = parts[2] if len(parts) > 2 else ""
        options.append({"key": key, "nl": nl, "en": en or nl})
    return options


def format_options(options: list[dict]) -> str:
    return "\n".join(f"{o['key']} | {o.get('nl', '')} | {o.get('en', '')}" for o in options)


def _earlier_types(session: Session, kind: StoryKind, draft_id: int) -> dict[str, QuestionType]:
    rows = session.execute(
        select(Question.key, Question.type)
        .join(Framework, Framework.id == Question.framework_id)
        .where(Framework.kind == kind, Framework.id != draft_id)
    )
    return {key: kind_ for key, kind_ in rows}


def check(session: Session, draft: Framework, specs: list[QuestionSpec]) -> None:
    """Refuse a version that would break: no questions, a bad or duplicate key, a key whose type
    differs from an earlier version, a wrong number of options, a duplicate option key."""
    if not specs:
        raise FrameworkError(_l("Een vragenlijst heeft minstens één vraag."))
    earlier = _earlier_types(session, draft.kind, draft.id)
    seen: set[str] = set()
    for position, spec in enumerate(specs, start=1):
        if not KEY_RE.match(spec.key):
            raise FrameworkError(
                _l(
                    "Vraag %(n)s: een sleutel bestaat uit kleine letters, cijfers en _ en begint met een letter.",
                    n=position,
                ),
                position,
            )
        if spec.key in seen:
            raise FrameworkError(
                _l(
                    "Vraag %(n)s: de sleutel %(key)s komt twee keer voor.", n=position, key=spec.key
                ),
                position,
            )
        seen.add(spec.key)
        kind = QuestionType(spec.type)
        if spec.key in earlier and earlier[spec.key] != kind:
            raise FrameworkError(
                _l(
                    "Vraag %(n)s: de sleutel %(key)s was in een eerdere versie een ander soort vraag. Kies een nieuwe sleutel.",
                    n=position,
                    key=spec.key,
                ),
                position,
            )
        if not spec.text_nl.strip():
            raise FrameworkError(
                _l("Vraag %(n)s: vul de Nederlandse tekst in.", n=position), position
            )
        low, high = OPTION_COUNTS[kind]
        if not low <= len(spec.options) <= high:
            raise FrameworkError(
                _l(
                    "Vraag %(n)s: dit soort vraag heeft %(low)s tot %(high)s opties nodig.",
                    n=position,
                    low=low,
                    high=high,
                )
                if low != high
                else _l(
                    "Vraag %(n)s: dit soort vraag heeft precies %(count)s opties nodig.",
                    n=position,
                    count=low,
                ),
                position,
            )
        option_keys = [o["key"] for o in spec.options]
        if len(set(option_keys)) != len(option_keys) or not all(
            KEY_RE.match(k) for k in option_keys
        ):
            raise FrameworkError(
                _l(
                    "Vraag %(n)s: elke optie heeft een eigen sleutel (kleine letters, cijfers, _).",
                    n=position,
                ),
                position,
            )
        if any(not o["nl"] for o in spec.options):
            raise FrameworkError(
                _l("Vraag %(n)s: elke optie heeft een Nederlandse tekst.", n=position), position
            )


def new_draft(session: Session, base: Framework, *, now: datetime) -> Framework:
    """A draft copy of ``base`` as the next version of its kind (or the existing draft)."""
    existing = session.scalar(
        select(Framework).where(Framework.kind == base.kind, Framework.published_at.is_(None))
    )
    if existing is not None:
        return existing
    top = session.scalar(select(func.max(Framework.version)).where(Framework.kind == base.kind))
    draft = Framework(
        kind=base.kind,
        version=(top or 0) + 1,
        name_nl=base.name_nl,
        name_en=base.name_en,
        created_at=now,
    )
    for q in base.questions:
        draft.questions.append(
            Question(
                key=q.key,
                type=q.type,
                position=q.position,
                text_nl=q.text_nl,
                text_en=q.text_en,
                options=[dict(o) for o in q.options],
                required=q.required,
                allows_na=q.allows_na,
                is_indicator=q.is_indicator,
            )
        )
    session.add(draft)
    session.flush()
    translations.copy(session, base, draft)
    return draft


def save_draft(
    session: Session, draft: Framework, *, name_nl: str, name_en: str, specs: list[QuestionSpec]
) -> None:
    """Replace the draft's questions; a published version is refused."""
    if draft.published_at is not None:
        raise FrameworkError(
            _l("Een gepubliceerde versie verandert nooit. Maak een nieuwe versie.")
        )
    check(session, draft, specs)
    draft.name_nl, draft.name_en = (
        name_nl.strip()[:200] or draft.name_nl,
        name_en.strip()[:200] or draft.name_en,
    )
    kept = translations.by_key(session, draft)
    draft.questions.clear()
    session.flush()
    for position, spec in enumerate(specs, start=1):
        kind = QuestionType(spec.type)
        draft.questions.append(
            Question(
                key=spec.key,
                type=kind,
                position=position,
                text_nl=spec.text_nl.strip(),
                text_en=spec.text_en.strip() or spec.text_nl.strip(),
                options=spec.options,
                required=spec.required,
                allows_na=kind in (QuestionType.SLIDER, QuestionType.TRIAD),
                is_indicator=spec.is_indicator,
            )
        )
    session.flush()
    translations.restore(session, draft, kept)


def publish(session: Session, draft: Framework, *, now: datetime) -> None:
    """Publish the draft; from now on it never changes, and it is the active version."""
    if draft.published_at is not None:
        raise FrameworkError(_l("Deze versie is al gepubliceerd."))
    check(session, draft, [spec_of(q) for q in draft.questions])
    draft.published_at = now
    activate(session, draft)


def activate(session: Session, framework: Framework) -> None:
    """Make a published version the one new stories of its kind are answered on."""
    if framework.published_at is None:
        raise FrameworkError(_l("Alleen een gepubliceerde versie kan actief worden."))
    session.execute(
        update(Framework)
        .where(Framework.kind == framework.kind)
        .values(is_active=Framework.id == framework.id)
        .execution_options(synchronize_session=False)
    )
    session.flush()
    session.refresh(framework)


def spec_of(q: Question) -> QuestionSpec:
    return QuestionSpec(
        key=q.key,
        type=str(q.type),
        text_nl=q.text_nl,
        text_en=q.text_en,
        options=list(q.options),
        required=q.required,
        is_indicator=q.is_indicator,
    )
