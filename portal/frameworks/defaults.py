"""The default signifier frameworks of DESIGN §4, drawn from the study's own tensions.

Each question: key, type, Dutch text, English text, options (key, nl, en), flags."""

from __future__ import annotations


def _opts(*triples: tuple[str, str, str]) -> list[dict]:
    return [{"key": key, "nl": nl, "en": en} for key, nl, en in triples]


FEELING = _opts(
    ("positive", "positief", "positive"),
    ("mixed", "gemengd", "mixed"),
    ("negative", "negatief", "negative"),
    ("neutral", "neutraal", "neutral"),
)

REFLECTION = {
    "kind": "reflection",
    "name_nl": "Reflectie klantmanager",
    "name_en": "Klantmanager reflection",
    "questions": [
        {
            "key": "role_balance",
            "required": True,
            "type": "triad",
            "nl": "In dit verhaal lag mijn rol vooral bij…",
            "en": "In this story my role was mostly about…",
            "options": _opts(
                ("work", "begeleiden naar werk", "guidance towards work"),
                (
                    "integration",
                    "begeleiden van inburgering en taal",
                    "guidance in integration and language",
                ),
                ("social", "maatschappelijke hulp verlenen", "providing social support"),
            ),
        },
        {
            "key": "what_worked",
            "required": True,
            "type": "triad",
            "nl": "Wat werkte in deze situatie?",
            "en": "What worked in this situation?",
            "options": _opts(
                ("bond", "persoonlijke band", "personal bond"),
                ("agreements", "heldere afspraken", "clear agreements"),
                (
                    "partners",
                    "samenwerking met ketenpartners of sleutelpersonen",
                    "cooperation with partners or key persons",
                ),
            ),
        },
        {
            "key": "motivation",
            "required": True,
            "type": "slider",
            "nl": "De statushouder deed mee omdat…",
            "en": "The status holder took part because…",
            "options": _opts(
                ("left", "het moest", "it was required"),
                ("right", "hij of zij het zelf wilde", "they wanted to do it themselves"),
            ),
            "indicator": True,
        },
        {
            "key": "agency",
            "required": True,
            "type": "slider",
            "nl": "Wie had de regie?",
            "en": "Who was in charge?",
            "options": _opts(
                ("left", "ik als klantmanager", "me, as their case manager"),
                ("right", "de statushouder", "the status holder"),
            ),
            "indicator": True,
        },
        {
            "key": "expectations",
            "type": "slider",
            "nl": "Wat er van de statushouder verwacht werd, was…",
            "en": "What was expected of the status holder was…",
            "options": _opts(("left", "onduidelijk", "unclear"), ("right", "helder", "clear")),
        },
        {
            "key": "support_style",
            "type": "slider",
            "nl": "Mijn ondersteuning was…",
            "en": "My support was…",
            "options": _opts(
                ("left", "vooral instrumenteel", "mostly instrumental"),
                ("right", "holistisch", "holistic"),
            ),
        },
        {
            "key": "could_help",
            "type": "slider",
            "nl": "Ik kon deze statushouder helpen",
            "en": "I could help this status holder",
            "options": _opts(
                ("left", "nauwelijks", "hardly"), ("right", "in hoge mate", "to a great extent")
            ),
        },
        {
            "key": "life_domains",
            "type": "multichoice",
            "nl": "Welke leefgebieden speelden mee?",
            "en": "Which areas of life played a part?",
            "options": _opts(
                ("body", "lichaam", "body"),
                ("mind", "geest", "mind"),
                ("social", "sociaal", "social"),
                ("societal", "maatschappelijk", "society"),
                ("language", "taal", "language"),
                ("work_income", "werk en inkomen", "work and income"),
            ),
        },
        {
            "key": "journey_phase",
            "type": "choice",
            "nl": "In welke fase van de klantreis?",
            "en": "In which phase of the client journey?",
            "options": _opts(
                ("azc", "kennismaking op het AZC", "first meeting at the asylum centre"),
                ("intake", "brede intake", "broad intake"),
                ("plan", "ondersteuningsplan", "support plan"),
                ("tailored", "maatwerktraject", "tailored programme"),
                ("monitoring", "regievoering en monitoring", "case management and monitoring"),
            ),
        },
        {
            "key": "cultural_differences",
            "type": "choice",
            "nl": "Speelden culturele verschillen een rol?",
            "en": "Did cultural differences play a part?",
            "options": _opts(
                ("yes", "ja", "yes"), ("somewhat", "een beetje", "somewhat"), ("no", "nee", "no")
            ),
        },
        {
            "key": "feeling",
            "type": "choice",
            "nl": "Hoe voel je je over dit verhaal?",
            "en": "How do you feel about this story?",
            "options": FEELING,
        },
        {
            "key": "meaning",
            "type": "text",
            "nl": "Wat betekent dit verhaal voor jou? Wat neem je mee?",
            "en": "What does this story mean to you? What do you take from it?",
        },
    ],
}

INTERVIEW = {
    "kind": "interview",
    "name_nl": "Gesprek met statushouder",
    "name_en": "Interview with a status holder",
    "questions": [
        {
            "key": "story_about",
            "type": "triad",
            "nl": "Dit verhaal gaat vooral over…",
            "en": "This story is mostly about…",
            "options": _opts(
                ("language", "taal leren", "learning the language"),
                ("work", "werk of opleiding", "work or education"),
                ("belonging", "me thuis voelen en contact", "feeling at home and contact"),
            ),
        },
        {
            "key": "helped",
            "type": "slider",
            "nl": "Ik voelde me…",
            "en": "I felt…",
            "options": _opts(
                ("left", "niet geholpen", "not helped"), ("right", "goed geholpen", "well helped")
            ),
        },
        {
            "key": "agency",
            "type": "slider",
            "nl": "Wie besliste?",
            "en": "Who decided?",
            "options": _opts(
                ("left", "de klantmanager", "the klantmanager"), ("right", "ikzelf", "I did")
            ),
            "indicator": True,
        },
        {
            "key": "motivation",
            "type": "slider",
            "nl": "Ik deed dit omdat…",
            "en": "I did this because…",
            "options": _opts(
                ("left", "het moest", "I had to"), ("right", "ik het zelf wilde", "I wanted to")
            ),
            "indicator": True,
        },
        {
            "key": "expectations",
            "type": "slider",
            "nl": "Wat er van mij verwacht werd, was…",
            "en": "What was expected of me was…",
            "options": _opts(("left", "onduidelijk", "unclear"), ("right", "duidelijk", "clear")),
        },
        {
            "key": "feeling",
            "type": "choice",
            "nl": "Hoe voel je je over dit verhaal?",
            "en": "How do you feel about this story?",
            "options": FEELING,
        },
    ],
}

DEFAULT_FRAMEWORKS = (REFLECTION, INTERVIEW)
