"""Prompt questions: a bank per team (or the default bank), rotated in order per cycle."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TypeVar

from sqlalchemy import select
from sqlalchemy.orm import Session

from portal.models import Cycle, PromptQuestion, Team

#: The default bank (Dutch, English), drawn from the study's themes (see shared/seeds).
DEFAULT_BANK: tuple[tuple[str, str], ...] = (
    (
        "Beschrijf een moment waarop je moest kiezen tussen begeleiden naar werk en maatschappelijke hulp. Wat gaf de doorslag?",
        "Describe a moment when you had to choose between guidance towards work and social help. What tipped the balance?",
    ),
    (
        "Vertel over een situatie waarin een statushouder zelf de regie nam. Wat deed jij (niet)?",
        "Tell about a situation in which a status holder took charge. What did you do (or not do)?",
    ),
    (
        "Wanneer merkte je dat iemand iets echt zelf wilde, en niet omdat het moest?",
        "When did you notice that someone really wanted something themselves, not because they had to?",
    ),
    (
        "Vertel over een moment waarop de persoonlijke band met een statushouder het verschil maakte.",
        "Tell about a moment when your personal bond with a status holder made the difference.",
    ),
    (
        "Beschrijf een samenwerking met een ketenpartner of sleutelpersoon die goed liep, of juist niet.",
        "Describe a cooperation with a chain partner or key person that went well, or did not.",
    ),
    (
        "Vertel over een gesprek waarin taal een drempel was. Hoe ging je daarmee om?",
        "Tell about a conversation in which language was a barrier. How did you deal with it?",
    ),
    (
        "Beschrijf een situatie waarin culturele verschillen een rol speelden. Wat leerde je ervan?",
        "Describe a situation in which cultural differences played a role. What did you learn?",
    ),
    (
        "Welk moment in de klantreis (AZC, brede intake, plan, traject) is je deze ronde bijgebleven?",
        "Which moment in the client journey (reception centre, intake, plan, pathway) stayed with you this round?",
    ),
    (
        "Vertel over een moment waarop je verder keek dan werk: gezondheid, gezin of welzijn.",
        "Tell about a moment when you looked beyond work: health, family or well-being.",
    ),
    (
        "Wanneer waren de verwachtingen naar een statushouder duidelijk, of juist onduidelijk?",
        "When were the expectations of a status holder clear, or unclear?",
    ),
    (
        "Beschrijf een kleine stap vooruit van een statushouder waar je trots op bent.",
        "Describe a small step forward by a status holder that you are proud of.",
    ),
    (
        "Vertel over een situatie waarin je als 'spin in het web' veel ballen tegelijk hoog moest houden.",
        "Tell about a situation in which you, as the 'spider in the web', had to keep many balls in the air.",
    ),
)


def team_bank(session: Session, team: Team) -> list[tuple[str, str]]:
    """The active questions for ``team``: its own bank, else the stored default, else the built-in."""
    for where in (PromptQuestion.team_id == team.id, PromptQuestion.team_id.is_(None)):
        rows = session.execute(
            select(PromptQuestion.text_nl, PromptQuestion.text_en)
            .where(where, PromptQuestion.active.is_(True))
            .order_by(PromptQuestion.position, PromptQuestion.id)
        ).all()
        if rows:
            return [(nl, en or nl) for nl, en in rows]
    return list(DEFAULT_BANK)


T = TypeVar("T")


def in_rotation(bank: Sequence[T], number: int) -> T:
    """The entry of ``bank`` that cycle ``number`` gets: the bank in order, then round again."""
    return bank[(number - 1) % len(bank)]


def prompt_for(session: Session, team: Team, number: int) -> tuple[str, str]:
    """The bank's question for cycle ``number``, rotating in order."""
    return in_rotation(team_bank(session, team), number)


def fill_prompt(session: Session, team: Team, cycle: Cycle) -> None:
    cycle.prompt_nl, cycle.prompt_en = prompt_for(session, team, cycle.number)
    cycle.prompt_source = "bank"


def choose_prompt(cycle: Cycle, text_nl: str, text_en: str) -> None:
    """A coach or beheerder sets this cycle's question by hand."""
    cycle.prompt_nl, cycle.prompt_en = text_nl.strip(), (text_en or text_nl).strip()
    cycle.prompt_source = "chosen"
