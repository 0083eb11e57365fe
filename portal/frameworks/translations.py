"""Framework texts in the languages of the telling (issue 16): a question's text and its option
labels per language, edited by the beheerder; what is missing falls back to Dutch and is listed."""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import select
from sqlalchemy.orm import Session

from portal.models import Framework, Question, QuestionTranslation

LANG_MAX = 8


@dataclass
class Shown:
    """A question as shown in a language of the telling: the translated text and labels, and
    which of them fell back to Dutch."""

    text: str
    options: dict[str, str]
    missing: list[str] = field(default_factory=list)  # "text" and/or option keys


def for_framework(
    session: Session, framework: Framework, lang: str
) -> dict[int, QuestionTranslation]:
    """The translations into ``lang`` of the framework's questions, by question id (one query)."""
    return for_questions(session, framework.questions, lang)


def for_questions(
    session: Session, questions: list[Question], lang: str
) -> dict[int, QuestionTranslation]:
    ids = [q.id for q in questions]
    if not ids:
        return {}
    rows = session.scalars(
        select(QuestionTranslation).where(
            QuestionTranslation.question_id.in_(ids), QuestionTranslation.lang == lang
        )
    )
    return {row.question_id: row for row in rows}


def shown(question: Question, found: QuestionTranslation | None) -> Shown:
    """The question in the language, Dutch where the translation is missing."""
    text = (found.text if found else "").strip()
    labels = dict(found.options) if found else {}
    result = Shown(text=text or question.text_nl, options={})
    if not text:
        result.missing.append("text")
    for option in question.options:
        label = (labels.get(option["key"]) or "").strip()
        result.options[option["key"]] = label or option["nl"]
        if not label:
            result.missing.append(option["key"])
    return result


def in_language(session: Session, questions: list[Question], lang: str | None) -> dict[str, Shown]:
    """Each question in ``lang`` by key, Dutch where missing; empty for Dutch or no language."""
    if not lang or lang == "nl":
        return {}
    found = for_questions(session, questions, lang[:LANG_MAX])
    return {q.key: shown(q, found.get(q.id)) for q in questions}


def missing_count(framework: Framework, found: dict[int, QuestionTranslation]) -> int:
    return sum(len(shown(q, found.get(q.id)).missing) for q in framework.questions)


def save(
    session: Session,
    framework: Framework,
    lang: str,
    texts: dict[int, str],
    labels: dict[int, dict[str, str]],
) -> None:
    """Store the translations into ``lang`` (empty ones fall back to Dutch). Translations sit beside
    a version: adding them never changes its questions, keys or options. Flushes."""
    lang = lang[:LANG_MAX]
    found = for_framework(session, framework, lang)
    for q in framework.questions:
        row = found.get(q.id)
        if row is None:
            row = QuestionTranslation(question_id=q.id, lang=lang, text="", options={})
            session.add(row)
        row.text = (texts.get(q.id) or "").strip()[:2000]
        keys = {o["key"] for o in q.options}
        row.options = {
            k: v.strip()[:300]
            for k, v in (labels.get(q.id) or {}).items()
            if k in keys and v.strip()
        }
    session.flush()


def by_key(session: Session, framework: Framework) -> dict[str, list[tuple[str, str, dict]]]:
    """Every translation of the framework's questions, by question key: (lang, text, options)."""
    keys = {q.id: q.key for q in framework.questions}
    if not keys:
        return {}
    rows = session.scalars(
        select(QuestionTranslation).where(QuestionTranslation.question_id.in_(list(keys)))
    )
    kept: dict[str, list[tuple[str, str, dict]]] = {}
    for row in rows:
        kept.setdefault(keys[row.question_id], []).append((row.lang, row.text, dict(row.options)))
    return kept


def restore(
    session: Session, framework: Framework, kept: dict[str, list[tuple[str, str, dict]]]
) -> None:
    """Give the framework's questions the translations ``kept`` for their keys."""
    for q in framework.questions:
        for lang, text, options in kept.get(q.key, []):
            session.add(
                QuestionTranslation(question_id=q.id, lang=lang, text=text, options=options)
            )
    session.flush()


def copy(session: Session, source: Framework, target: Framework) -> None:
    """Carry the translations of ``source`` over to the questions of ``target`` with the same key."""
    restore(session, target, by_key(session, source))
