"""Respondents and their consent: pseudonymous codes, coarse facts, consent given and withdrawn.

Plain functions taking the session first; they flush and never commit; time is passed in.
Consent comes before content: ``portal.interviews`` asks :func:`has_active_consent` before it
saves any story text."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from flask_babel import lazy_gettext as _l
from sqlalchemy import select
from sqlalchemy.orm import Session, joinedload, selectinload

from portal import policy
from portal.core.locks import serialize
from portal.models import Consent, ConsentMethod, Respondent, User

CODE_PREFIX = "SH-"


class ConsentError(ValueError):
    """A consent change that cannot be made; the message is fit to show, ``field`` says which
    part of the form it is about (``date`` or ``scopes``)."""

    def __init__(self, message: object, field: str = "date") -> None:
        super().__init__(message)
        self.field = field


def next_code(session: Session) -> str:
    """The next free pseudonymous code SH-0001, SH-0002, … (one above the highest in use)."""
    codes = session.scalars(select(Respondent.code).where(Respondent.code.like(f"{CODE_PREFIX}%")))
    numbers = [int(c[len(CODE_PREFIX) :]) for c in codes if c[len(CODE_PREFIX) :].isdigit()]
    return f"{CODE_PREFIX}{max(numbers, default=0) + 1:04d}"


def create_respondent(
    session: Session,
    owner: User,
    *,
    age_band: str | None = None,
    household_type: str | None = None,
    years_in_nl_band: str | None = None,
    language: str | None = None,
) -> Respondent:
    """A new pseudonymous respondent; there is no field for a name, birth date, address or BSN."""
    serialize(session, "respondent-code")  # two at once would both take the same next code
    respondent = Respondent(
        code=next_code(session),
        owner_id=owner.id,
        age_band=age_band or None,
        household_type=household_type or None,
        years_in_nl_band=years_in_nl_band or None,
        language=language or None,
    )
    respondent.consents = []
    session.add(respondent)
    session.flush()
    return respondent


def get_respondent(session: Session, respondent_id: int) -> Respondent | None:
    return session.scalar(
        select(Respondent)
        .where(Respondent.id == respondent_id)
        .options(
            selectinload(Respondent.consents).options(
                joinedload(Consent.recorded_by), joinedload(Consent.withdrawn_by)
            )
        )
    )


def own_respondent(session: Session, user: User, respondent_id: int | None) -> Respondent | None:
    """The chosen respondent if it is the user's own (else as if none was chosen)."""
    respondent = get_respondent(session, respondent_id) if respondent_id else None
    if respondent is None or not policy.can(user, "edit", respondent):
        return None
    return respondent


#: A respondent's coarse facts in form order; there is no name, birth date, address or BSN.
FACT_FIELDS = ("age_band", "household_type", "years_in_nl_band", "language")


def update_respondent_facts(
    session: Session, respondent: Respondent, **facts: str | None
) -> list[str]:
    """Set the given coarse facts ("" or None: unknown); returns the names of those that changed."""
    if unknown := set(facts) - set(FACT_FIELDS):
        raise TypeError(f"not a coarse fact of a respondent: {sorted(unknown)}")
    new = {name: value or None for name, value in facts.items()}
    changed = [n for n in FACT_FIELDS if n in new and getattr(respondent, n) != new[n]]
    for name in changed:
        setattr(respondent, name, new[name])
    session.flush()
    return changed


@dataclass
class ConsentInput:
    given_on: date
    method: ConsentMethod
    language: str
    interpreter_present: bool = False
    research: bool = False
    sessions: bool = False
    quotes: bool = False


def record_consent(
    session: Session, respondent: Respondent, data: ConsentInput, *, by: User, today: date
) -> Consent:
    if data.given_on > today:
        raise ConsentError(_l("De datum van de toestemming ligt in de toekomst."))
    if not (data.research or data.sessions or data.quotes):
        raise ConsentError(
            _l("Kies waarvoor de respondent toestemming geeft: minstens één doel."), "scopes"
        )
    consent = Consent(
        respondent_id=respondent.id,
        given_on=data.given_on,
        method=data.method,
        language=data.language,
        interpreter_present=data.interpreter_present,
        scope_research=data.research,
        scope_sessions=data.sessions,
        scope_quotes=data.quotes,
        recorded_by_id=by.id,
    )
    session.add(consent)
    session.flush()
    session.refresh(respondent, ["consents"])
    return consent


def active_consents(respondent: Respondent) -> list[Consent]:
    return [c for c in respondent.consents if c.withdrawn_on is None]


def has_active_consent(respondent: Respondent | None) -> bool:
    return respondent is not None and bool(active_consents(respondent))


def withdraw_consent(
    session: Session, respondent: Respondent, *, on: date, by: User, today: date
) -> list[Consent]:
    """Withdraw every active consent of the respondent at once.

    The respondent's interviews drop out of research and sessions through the policy
    (``consent_holds``); the retention job deletes them after the period, counted from
    ``Consent.withdrawn_on``."""
    active = active_consents(respondent)
    if not active:
        raise ConsentError(_l("Er is geen geldige toestemming meer om in te trekken."))
    if on > today:
        raise ConsentError(_l("De datum van intrekken ligt in de toekomst."))
    for consent in active:
        consent.withdrawn_on, consent.withdrawn_by_id = on, by.id
    session.flush()
    return active
