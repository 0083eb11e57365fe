"""Import a CSV in the export's own format (for example interviews first written on paper).

:func:`read_import` validates every row against its framework version (keys, ranges, triad sums,
option keys, respondent codes with research consent) and returns a preview: what would be added
and every refused row with its reason. :func:`apply_import` adds it, all or nothing: a file with
one refused row adds nothing (fix the row and read the file again), and the caller commits once.
A file is known by its SHA-256: the same file a second time is refused, and so is a row whose
story is already in the portal (its ``story`` pseudonym)."""

from __future__ import annotations

import csv
import hashlib
import io
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from flask_babel import lazy_gettext as _l
from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload
from werkzeug.datastructures import MultiDict

from portal.core import audit
from portal.exports import pseudonyms
from portal.exports.columns import ColumnModel, column_model
from portal.exports.import_rows import (
    ImportRefused,
    answer_form,
    check_header,
    decode,
    dialect_of,
    read_date,
)
from portal.exports.rows import utc_noon
from portal.exports.writers import Dialect, unneutralise
from portal.frameworks.answers import parse_answers, save_interpretation
from portal.interviews.service import LANGUAGES, InterviewText, check_interview
from portal.models import (
    Framework,
    ImportBatch,
    ImportedStory,
    Interpretation,
    InterpretationRole,
    Respondent,
    Story,
    StoryKind,
    StoryStatus,
)
from portal.policy import consent_holds

IMPORTABLE = (StoryKind.INTERVIEW,)


@dataclass
class Refusal:
    line: int
    reasons: list[str]


@dataclass
class PlannedStory:
    line: int
    story_key: str | None
    respondent: Respondent
    framework: Framework
    text: InterviewText
    submitted_on: date
    comment: str
    answer_form: MultiDict


@dataclass
class ImportPreview:
    kind: StoryKind
    sha256: str
    filename: str
    dialect: Dialect
    planned: list[PlannedStory] = field(default_factory=list)
    refused: list[Refusal] = field(default_factory=list)

    @property
    def can_import(self) -> bool:
        return bool(self.planned) and not self.refused


def digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _respondents(session: Session, codes: Iterable[str]) -> dict[str, Respondent]:
    found = session.scalars(
        select(Respondent)
        .where(Respondent.code.in_(sorted(set(codes))))
        .options(selectinload(Respondent.consents))
    )
    return {r.code: r for r in found}


def _known_story_keys(session: Session, kind: StoryKind, key: bytes) -> set[str]:
    """The story pseudonyms already in the portal (imported ones keep the file's)."""
    ids = session.scalars(select(Story.id).where(Story.kind == kind))
    keys = {pseudonyms.story(key, story_id) for story_id in ids}
    keys.update(k for k in session.scalars(select(ImportedStory.source_key)) if k)
    return keys


def read_import(
    session: Session,
    data: bytes,
    *,
    kind: StoryKind,
    filename: str,
    config: Mapping[str, Any],
    today: date,
) -> ImportPreview:
    """Validate the file; raises :class:`ImportRefused` when the file as a whole cannot be read."""
    key = pseudonyms.pseudonym_key(config)
    limit = int(config.get("IMPORT_MAX_BYTES") or 0)
    if kind not in IMPORTABLE:
        raise ImportRefused(_l("Alleen interviews kunnen worden ingelezen."))
    if limit and len(data) > limit:
        raise ImportRefused(
            _l(
                "Het bestand is %(size)s MB; het portaal neemt hoogstens %(limit)s MB aan.",
                size=round(len(data) / 1_048_576, 1),
                limit=round(limit / 1_048_576, 1),
            )
        )
    sha = digest(data)
    earlier = session.scalar(select(ImportBatch).where(ImportBatch.sha256 == sha))
    if earlier is not None:
        raise ImportRefused(
            _l(
                "Dit bestand is al ingelezen op %(day)s (%(rows)s rijen). Het is niet nog eens "
                "toegevoegd.",
                day=earlier.created_at.date().isoformat(),
                rows=earlier.rows,
            )
        )
    text = decode(data)
    first_line = text.split("\n", 1)[0]
    dialect = dialect_of(first_line)
    reader = csv.reader(io.StringIO(text), delimiter=";" if dialect is Dialect.EXCEL_NL else ",")
    header = next(reader, None)
    if not header:
        raise ImportRefused(_l("Het bestand is leeg."))
    model = column_model(session, kind, with_text=True)
    check_header(header, model)
    lines = [(n, row) for n, row in enumerate(reader, start=2) if any(cell.strip() for cell in row)]
    if not lines:
        raise ImportRefused(_l("Het bestand heeft geen rijen onder de kolomnamen."))
    frameworks = {f.version: f for f in model.frameworks if f.published_at is not None}
    newest = max(frameworks) if frameworks else None
    respondents = _respondents(
        session,
        (row[header.index("respondent")].strip() for _n, row in lines if len(row) == len(header)),
    )
    known_keys = _known_story_keys(session, kind, key)
    preview = ImportPreview(kind, sha, filename, dialect)
    seen_keys: set[str] = set()
    for line, row in lines:
        errors: list[str] = []
        if len(row) != len(header):
            preview.refused.append(
                Refusal(
                    line, [str(_l("%(n)s cellen, maar %(m)s kolommen.", n=len(row), m=len(header)))]
                )
            )
            continue
        cells = {name: unneutralise(cell.strip()) for name, cell in zip(header, row, strict=True)}
        planned = _plan_row(line, cells, model, frameworks, newest, respondents, today, errors)
        story_key = cells.get("story") or None
        if story_key and story_key in known_keys:
            errors.append(str(_l("Verhaal %(key)s staat al in het portaal.", key=story_key)))
        if story_key and story_key in seen_keys:
            errors.append(str(_l("Verhaal %(key)s staat twee keer in het bestand.", key=story_key)))
        if story_key:
            seen_keys.add(story_key)
        if errors or planned is None:
            preview.refused.append(Refusal(line, errors))
        else:
            planned.story_key = story_key
            preview.planned.append(planned)
    return preview


def _plan_row(
    line: int,
    cells: Mapping[str, str],
    model: ColumnModel,
    frameworks: dict[int, Framework],
    newest: int | None,
    respondents: dict[str, Respondent],
    today: date,
    errors: list[str],
) -> PlannedStory | None:
    interpretation = cells.get("interpretation") or "own"
    if interpretation != "own":
        errors.append(
            str(_l("Alleen de eigen duiding (own) van een verhaal kan worden ingelezen."))
        )
    code = cells.get("respondent", "")
    respondent = respondents.get(code)
    if respondent is None:
        errors.append(str(_l("Respondent '%(code)s' bestaat niet.", code=code)))
    elif not consent_holds(respondent, "research"):
        errors.append(
            str(_l("Respondent %(code)s heeft geen toestemming voor onderzoek.", code=code))
        )
    raw_version = cells.get("framework_version", "")
    version = int(raw_version) if raw_version.isdigit() else (newest if not raw_version else None)
    framework = frameworks.get(version) if version is not None else None
    if framework is None:
        errors.append(
            str(_l("Versie '%(version)s' van de vragenlijst bestaat niet.", version=raw_version))
        )
    experienced_on = read_date(cells.get("experienced_on", ""), "experienced_on", errors)
    submitted_on = read_date(cells.get("submitted_on", ""), "submitted_on", errors) or today
    if submitted_on > today:
        errors.append(str(_l("submitted_on ligt in de toekomst.")))
    language = cells.get("language") or "nl"
    text = InterviewText(
        title=cells.get("title", ""),
        body_md=cells.get("text", ""),
        language=language,
        translation_nl=cells.get("translation_nl", ""),
        translated_by="",
        facilitator_note="",
        experienced_on=experienced_on,
    )
    if language not in LANGUAGES:
        errors.append(str(_l("Taal '%(language)s' kent het portaal niet.", language=language)))
    if framework is None or respondent is None:
        return None
    field_errors = check_interview(text, respondent, for_submit=False, today=today)
    field_errors.pop("language", None)
    errors.extend(f"{name}: {message}" for name, message in field_errors.items())
    questions = list(framework.questions)
    form = answer_form(questions, model.columns, cells, errors)
    parsed = parse_answers(questions, form, require=False)
    errors.extend(f"{key}: {message}" for key, message in parsed.errors.items())
    return PlannedStory(
        line, None, respondent, framework, text, submitted_on, cells.get("comment", ""), form
    )


def apply_import(
    session: Session, user: Any, preview: ImportPreview, *, now: datetime
) -> ImportBatch:
    """Add every planned story with its own interpretation; flushes, the caller commits once."""
    if not preview.can_import:
        raise ImportRefused(_l("Dit bestand heeft geweigerde rijen; er is niets toegevoegd."))
    batch = ImportBatch(
        user_id=getattr(user, "id", None),
        kind=str(preview.kind),
        sha256=preview.sha256,
        filename=preview.filename[:200],
        rows=len(preview.planned),
    )
    session.add(batch)
    session.flush()
    for planned in preview.planned:
        author_id = planned.respondent.owner_id
        story = Story(
            kind=preview.kind,
            author_id=author_id,
            framework_id=planned.framework.id,
            title=planned.text.title,
            body_md=planned.text.body_md,
            experienced_on=planned.text.experienced_on,
            status=StoryStatus.SUBMITTED,
            language=planned.text.language,
            translation_nl=planned.text.translation_nl,
            respondent_id=planned.respondent.id,
            submitted_at=utc_noon(planned.submitted_on),
        )
        session.add(story)
        session.flush()
        interpretation = Interpretation(
            story_id=story.id,
            user_id=author_id,
            role=InterpretationRole.SELF,
            comment_md=planned.comment,
        )
        session.add(interpretation)
        session.flush()
        parsed = save_interpretation(
            session,
            interpretation,
            list(planned.framework.questions),
            planned.answer_form,
            require=False,
        )
        if parsed.errors:  # validated before; a change in between refuses the whole file
            raise ImportRefused(
                _l("Rij %(line)s klopt niet meer; er is niets toegevoegd.", line=planned.line)
            )
        session.add(
            ImportedStory(story_id=story.id, batch_id=batch.id, source_key=planned.story_key)
        )
    audit.record(
        session,
        user,
        "import",
        batch,
        kind=str(preview.kind),
        rows=len(preview.planned),
        sha256=preview.sha256,
        filename=preview.filename,
    )
    session.flush()
    return batch
