"""Answers to signifier questions: parse and check a posted form, save typed rows, refill, summarise.

Form field names per question key ``k``: slider ``q-k`` (0–100) with ``q-k-set`` ("1" once the
person set it) and ``q-k-na``; triad ``q-k-a``/``q-k-b``/``q-k-c`` (shares summing to 100) and
``q-k-na``; choice ``q-k``; multichoice ``q-k`` (repeated); text ``q-k``. Fields of questions that
are not asked are ignored, so a forged key of another framework cannot sneak in."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from flask_babel import lazy_gettext as _l
from sqlalchemy import delete
from sqlalchemy.orm import Session
from werkzeug.datastructures import MultiDict

from portal.models import Answer, Interpretation, Question, QuestionType

MAX_TEXT = 5_000
TRIAD_PARTS = ("a", "b", "c")
# The triad drawn in a 100 × 90 box: corner a on top, b bottom left, c bottom right.
TRIAD_CORNERS = {"a": (50.0, 6.0), "b": (6.0, 84.0), "c": (94.0, 84.0)}


@dataclass
class FormAnswer:
    """The answer to one question as a form gives it: typed where valid, raw for refilling the
    form (parsed from a posted form, or made from stored answers by ``values_from_answers``)."""

    answered: bool = False
    not_applicable: bool = False
    value: int | None = None
    shares: dict[str, int] = field(default_factory=dict)
    raw: dict[str, str] = field(default_factory=dict)
    choices: list[str] = field(default_factory=list)
    text: str = ""


@dataclass
class ParsedAnswers:
    """The answers of a posted form per question key, and the errors per question key."""

    values: dict[str, FormAnswer]
    errors: dict[str, object]


def _int_0_100(raw: str) -> int | None:
    raw = raw.strip()
    if not (raw.isascii() and raw.isdigit()):
        return None
    number = int(raw)
    return number if 0 <= number <= 100 else None


def _slider(q: Question, form: MultiDict) -> tuple[FormAnswer, object | None]:
    name = f"q-{q.key}"
    raw = form.get(name, "").strip()
    given = FormAnswer(raw={"value": raw})
    if form.get(f"{name}-na") and q.allows_na:
        given.not_applicable = given.answered = True
        return given, None
    if "1" not in form.getlist(f"{name}-set"):
        return given, None  # never touched: not answered, never silently 50
    value = _int_0_100(raw)
    if value is None:
        return given, _l("Kies een waarde van 0 tot en met 100.")
    given.value, given.answered = value, True
    return given, None


def _triad(q: Question, form: MultiDict) -> tuple[FormAnswer, object | None]:
    name = f"q-{q.key}"
    raws = {part: form.get(f"{name}-{part}", "").strip() for part in TRIAD_PARTS}
    given = FormAnswer(raw=raws)
    if form.get(f"{name}-na") and q.allows_na:
        given.not_applicable = given.answered = True
        return given, None
    filled = [r for r in raws.values() if r]
    if not filled:
        return given, None
    if len(filled) < 3:
        return given, _l("Vul alle drie de delen in, samen 100.")
    shares = {part: _int_0_100(raw) for part, raw in raws.items()}
    if any(v is None for v in shares.values()):
        return given, _l("Elk deel is een heel getal van 0 tot en met 100.")
    total = sum(shares.values())
    if total != 100:
        return given, _l("De drie delen moeten samen 100 zijn; nu is het %(total)s.", total=total)
    given.shares, given.answered = shares, True
    return given, None


def _choices(q: Question, form: MultiDict) -> tuple[FormAnswer, object | None]:
    keys = list(dict.fromkeys(k for k in form.getlist(f"q-{q.key}") if k))
    if q.type is QuestionType.CHOICE:
        keys = keys[:1]
    given = FormAnswer(choices=keys, answered=bool(keys))
    known = {option["key"] for option in q.options}
    if any(k not in known for k in keys):
        given.choices, given.answered = [k for k in keys if k in known], False
        return given, _l("Kies een van de antwoorden die er staan.")
    return given, None


def _text(q: Question, form: MultiDict) -> tuple[FormAnswer, object | None]:
    text = form.get(f"q-{q.key}", "").replace("\x00", "").replace("\r\n", "\n")
    given = FormAnswer(text=text, answered=bool(text.strip()))
    if len(text) > MAX_TEXT:
        return given, _l("Hoogstens %(n)s tekens; nu %(count)s.", n=MAX_TEXT, count=len(text))
    return given, None


_PARSERS = {
    QuestionType.SLIDER: _slider,
    QuestionType.TRIAD: _triad,
    QuestionType.CHOICE: _choices,
    QuestionType.MULTICHOICE: _choices,
    QuestionType.TEXT: _text,
}


def parse_answers(questions: list[Question], form: MultiDict, *, require: bool) -> ParsedAnswers:
    values: dict[str, FormAnswer] = {}
    errors: dict[str, object] = {}
    for q in questions:
        given, error = _PARSERS[q.type](q, form)
        values[q.key] = given
        if error is None and require and q.required and not given.answered:
            error = _l("Deze vraag moet je beantwoorden.")
        if error is not None:
            errors[q.key] = error
    return ParsedAnswers(values=values, errors=errors)


def _rows(q: Question, given: FormAnswer) -> list[dict]:
    if given.not_applicable:
        return [{"not_applicable": True}]
    if not given.answered:
        return []
    if q.type is QuestionType.SLIDER:
        return [{"value": given.value}]
    if q.type is QuestionType.TRIAD:
        return [dict(given.shares)]
    if q.type in (QuestionType.CHOICE, QuestionType.MULTICHOICE):
        return [{"choice": key} for key in given.choices]
    return [{"text": given.text}]


def save_answers(
    session: Session,
    interpretation: Interpretation,
    questions: list[Question],
    parsed: ParsedAnswers,
) -> list[Answer]:
    """Replace this interpretation's answers to ``questions`` (other questions stay as they are)."""
    ids = [q.id for q in questions]
    session.execute(
        delete(Answer).where(
            Answer.interpretation_id == interpretation.id, Answer.question_id.in_(ids)
        )
    )
    added = [
        Answer(interpretation_id=interpretation.id, question_id=q.id, **row)
        for q in questions
        for row in _rows(q, parsed.values.get(q.key, FormAnswer()))
    ]
    session.add_all(added)
    session.flush()
    return added


def save_interpretation(
    session: Session,
    interpretation: Interpretation | Callable[[], Interpretation],
    questions: Sequence[Question],
    form: MultiDict,
    *,
    require: bool,
) -> ParsedAnswers:
    """Parse and check the answers to ``questions`` in a posted form and, only when none has an
    error, store them as the answers of ``interpretation``.

    The one way to save an interpretation (the reflection steps, the interview entry). With
    ``require`` a required question left unanswered is an error (n.v.t. counts as an answer);
    without it, a draft, the valid answers are stored and the rest left empty. Fields of other
    questions are ignored, and answers to other questions keep what they had.

    ``interpretation`` may be a function that finds or creates it: it is called only when the
    answers are valid, so an invalid form creates nothing (no interpretation, no new story)."""
    parsed = parse_answers(list(questions), form, require=require)
    if not parsed.errors:
        target = interpretation if isinstance(interpretation, Interpretation) else interpretation()
        save_answers(session, target, list(questions), parsed)
    return parsed


def unanswered_required(questions: Sequence[Question], answers: list[Answer]) -> list[Question]:
    """The required questions without a stored answer (an n.v.t. is an answer), in their order."""
    answered = {answer.question_id for answer in answers}
    return [q for q in questions if q.required and q.id not in answered]


def values_from_answers(questions: list[Question], answers: list[Answer]) -> dict[str, FormAnswer]:
    """What stored answers look like as form values, to refill a form."""
    by_question: dict[int, list[Answer]] = {}
    for answer in answers:
        by_question.setdefault(answer.question_id, []).append(answer)
    values = {}
    for q in questions:
        rows = by_question.get(q.id, [])
        given = FormAnswer(answered=bool(rows))
        for row in rows:
            given.not_applicable |= row.not_applicable
            if row.value is not None:
                given.value, given.raw = row.value, {"value": str(row.value)}
            if row.a is not None:
                given.shares = {"a": row.a, "b": row.b, "c": row.c}
                given.raw = {part: str(v) for part, v in given.shares.items()}
            if row.choice:
                given.choices.append(row.choice)
            if row.text:
                given.text = row.text
        values[q.key] = given
    return values


@dataclass
class SummaryItem:
    question: Question
    text: str
    given: FormAnswer
    labels: list[str] = field(default_factory=list)  # chosen options, or slider/triad poles
    point: tuple[float, float] | None = None  # triad point in the 100 × 90 drawing


def triad_point(shares: dict[str, int]) -> tuple[float, float]:
    x = sum(TRIAD_CORNERS[p][0] * shares[p] for p in TRIAD_PARTS) / 100
    y = sum(TRIAD_CORNERS[p][1] * shares[p] for p in TRIAD_PARTS) / 100
    return round(x, 1), round(y, 1)


def summarise(questions: list[Question], answers: list[Answer], locale: str) -> list[SummaryItem]:
    """One item per question, ready for display (the answer summary macro)."""
    values = values_from_answers(questions, answers)
    items = []
    for q in questions:
        given = values[q.key]
        if q.type in (QuestionType.CHOICE, QuestionType.MULTICHOICE):
            labels = [q.option_label(k, locale) for k in given.choices]
        else:
            labels = [option.get(locale) or option["nl"] for option in q.options]
        point = triad_point(given.shares) if given.shares else None
        items.append(SummaryItem(q, q.text(locale), given, labels, point))
    return items
