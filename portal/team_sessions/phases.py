"""The methods as guided phases, each with a short instruction; the coach moves them on."""

from __future__ import annotations

from dataclasses import dataclass

from flask_babel import lazy_gettext as _l

from portal.models import SessionMethod


@dataclass(frozen=True)
class Phase:
    key: str
    title: object
    instruction: object
    interpret: bool = False  # participants place the story now (answers hidden)
    compare: bool = False  # the moment to reveal and compare
    propose: bool = False  # participants propose stories, with why, and may withdraw their own


PHASES: dict[SessionMethod, tuple[Phase, ...]] = {
    SessionMethod.INCIDENT: (
        Phase(
            "inbreng",
            _l("Inbreng"),
            _l("De inbrenger vertelt het verhaal. De anderen luisteren en lezen mee."),
        ),
        Phase(
            "vragen",
            _l("Verhelderende vragen"),
            _l(
                "Stel alleen vragen die het verhaal helderder maken; nog geen adviezen of meningen."
            ),
        ),
        Phase(
            "posities",
            _l("Posities"),
            _l(
                "Plaats het verhaal zelf op de driehoeken en schuifjes en schrijf je duiding. "
                "Niemand ziet jouw antwoord tot de coach het onthult."
            ),
            interpret=True,
        ),
        Phase(
            "onthulling",
            _l("Onthulling en vergelijking"),
            _l(
                "De coach onthult de antwoorden. Vergelijk de duiding van het team met die van de "
                "schrijver: waar liggen de verschillen?"
            ),
            compare=True,
        ),
        Phase(
            "inbrenger",
            _l("Wat de inbrenger deed"),
            _l("De inbrenger vertelt wat hij of zij werkelijk deed en hoe het afliep."),
            compare=True,
        ),
        Phase(
            "leerpunten",
            _l("Leerpunten en acties"),
            _l("Wat nemen we mee? Leg thema's, inzichten en acties vast, met eigenaar en datum."),
            compare=True,
        ),
    ),
    SessionMethod.MSC: (
        Phase(
            "voorstellen",
            _l("Voorstellen"),
            _l(
                "Ieder stelt een verhaal voor en zegt waarom het een belangrijke verandering laat "
                "zien."
            ),
            propose=True,
        ),
        Phase(
            "selectie",
            _l("Selectie per domein"),
            _l("Kies samen per domein van verandering het meest significante verhaal."),
            compare=True,
        ),
        Phase(
            "vastleggen",
            _l("Vastleggen"),
            _l("Leg vast waarom dit verhaal gekozen is, en welke andere meningen er waren."),
            compare=True,
        ),
    ),
    SessionMethod.FREE: (
        Phase(
            "notities",
            _l("Bespreking"),
            _l("Bespreek de verhalen op je eigen manier en maak notities."),
            interpret=True,
            compare=True,
        ),
    ),
}

METHOD_LABELS = {
    SessionMethod.INCIDENT: _l("Incidentmethode"),
    SessionMethod.MSC: _l("Meest significante verandering"),
    SessionMethod.FREE: _l("Vrij"),
}


def phases(method: SessionMethod) -> tuple[Phase, ...]:
    return PHASES[method]


def phase_of(method: SessionMethod, index: int) -> Phase:
    steps = PHASES[method]
    return steps[max(0, min(index, len(steps) - 1))]
