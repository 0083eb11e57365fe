"""Demo interviews: fictional respondents with consent and their stories (no names, ever).

Some are told in Arabic or Tigrinya with a Dutch translation; some may be used in team sessions,
some only for research. Answers go through the same parser as the form."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta

from sqlalchemy import func, select
from sqlalchemy.orm import Session
from werkzeug.datastructures import MultiDict

from portal.frameworks import answers
from portal.frameworks.versions import current_framework
from portal.interviews import respondents
from portal.interviews import service as interviews
from portal.models import (
    ConsentMethod,
    Interpretation,
    InterpretationRole,
    Respondent,
    StoryKind,
    User,
)

AR_1 = (
    "تعلمت اللغة الهولندية في المدرسة المسائية. في البداية كان الأمر صعبًا جدًا، "
    "لكن المعلمة كانت صبورة. الآن أستطيع أن أتحدث مع جيراني وأن أذهب إلى الطبيب وحدي."
)
NL_1 = (
    "Ik leerde Nederlands op de avondschool. In het begin was het heel moeilijk, maar de "
    "docent was geduldig. Nu kan ik met mijn buren praten en alleen naar de huisarts."
)
AR_2 = (
    "كنت أريد أن أعمل بسرعة، لكن قالوا لي إنني يجب أن أنتظر. بعد ستة أشهر وجدت عملًا "
    "في مطبخ مطعم لمدة 24 ساعة في الأسبوع. أشعر أنني مفيد مرة أخرى."
)
NL_2 = (
    "Ik wilde snel aan het werk, maar ze zeiden dat ik moest wachten. Na zes maanden vond ik "
    "werk in de keuken van een restaurant, 24 uur per week. Ik voel me weer nuttig."
)
TI_1 = "ኣብ መጀመርታ ቋንቋ ምምሃር ከቢድ ነይሩ። ክላንትማናጀረይ ግን ብዙሕ ሓጊዛትኒ። ሕጂ ምስ ጎረቤተይ ክዛረብ ይኽእል እየ።"
NL_T1 = (
    "In het begin was de taal leren zwaar. Mijn klantmanager heeft me veel geholpen. "
    "Nu kan ik met mijn buren praten."
)
TI_2 = "ስራሕ ክረክብ ደልየ ነይረ። ብዙሕ ደብዳበታት ነይሩ፣ ኣይተረድኣንን። ሓንቲ ፈቃደኛ ሓጊዛትኒ።"
NL_T2 = (
    "Ik wilde werk vinden. Er waren veel brieven die ik niet begreep. Een vrijwilliger heeft "
    "me geholpen."
)
NL_3 = (
    "Ik moest naar een cursus die ik niet gekozen had. Later begreep ik waarom, maar niemand "
    "had het me uitgelegd. Het duurde lang voordat ik me hier een beetje thuis voelde."
)
NL_4 = (
    "Mijn kinderen spreken al beter Nederlands dan ik. Op het schoolplein praat ik nu met "
    "andere ouders. Dat was een jaar geleden nog niet zo."
)

#: (owner index, language, facts, research, sessions)
RESPONDENTS = [
    (0, "ar", ("26-35", "family", "1-2"), True, True),
    (0, "ti", ("18-25", "alone", "<1"), True, False),
    (0, "ar", ("36-50", "single_parent", "3-5"), True, True),
    (0, "nl", ("26-35", "couple", "5+"), False, True),
    (1, "ti", ("26-35", "alone", "1-2"), True, True),
    (1, "ar", ("51-65", "family", "3-5"), True, False),
    (1, "fa", ("18-25", "alone", "1-2"), True, True),
    (1, "so", ("36-50", "family", "5+"), False, True),
]
#: (respondent index, title, told text, language, Dutch translation, answers)
INTERVIEWS = [
    (0, "Nederlands op de avondschool", AR_1, "ar", NL_1, (60, 20, 20, 80, 70, 85, "positive")),
    (0, "Wachten op werk", AR_2, "ar", NL_2, (10, 80, 10, 40, 30, 60, "mixed")),
    (1, "De taal was zwaar", TI_1, "ti", NL_T1, (70, 10, 20, 85, 50, 40, "positive")),
    (2, "Brieven die ik niet begreep", AR_2, "ar", NL_2, (20, 60, 20, 35, 20, 30, "negative")),
    (3, "Een cursus zonder uitleg", NL_3, "nl", "", (30, 30, 40, 30, 15, 20, "mixed")),
    (4, "Hulp van een vrijwilliger", TI_2, "ti", NL_T2, (10, 70, 20, 75, 60, 70, "positive")),
    (4, "Eindelijk thuis", TI_1, "ti", NL_T1, (20, 10, 70, 70, 65, 60, "positive")),
    (5, "Werk in de keuken", AR_2, "ar", NL_2, (5, 85, 10, 65, 75, 80, "positive")),
    (6, "Op het schoolplein", NL_4, "nl", "", (40, 0, 60, 60, 70, 65, "neutral")),
    (7, "Niemand legde het uit", NL_3, "nl", "", (30, 40, 30, 25, 10, 25, "negative")),
]


def _form(given: tuple) -> MultiDict:
    a, b, c, helped, agency, motivation, feeling = given
    data = {"q-story_about-a": a, "q-story_about-b": b, "q-story_about-c": c, "q-feeling": feeling}
    sliders = {
        "helped": helped,
        "agency": agency,
        "motivation": motivation,
        "expectations": (helped + motivation) // 2,
    }
    for key, value in sliders.items():
        data[f"q-{key}"], data[f"q-{key}-set"] = value, "1"
    return MultiDict({k: str(v) for k, v in data.items()})


def add_demo_interviews(session: Session, vbs: list[User], *, today: date) -> int:
    """Add the demo respondents and interviews when no respondent exists yet; returns the count."""
    framework = current_framework(session, StoryKind.INTERVIEW)
    if framework is None or len(vbs) < 2 or session.scalar(select(func.count(Respondent.id))):
        return 0
    questions = list(framework.questions)
    made = []
    for i, (owner, language, (age, household, years), research, sessions) in enumerate(RESPONDENTS):
        respondent = respondents.create_respondent(
            session,
            vbs[owner],
            age_band=age,
            household_type=household,
            years_in_nl_band=years,
            language=language,
        )
        consent = respondents.ConsentInput(
            given_on=today - timedelta(days=60 - i * 5),
            method=ConsentMethod.SPOKEN if i % 2 else ConsentMethod.WRITTEN,
            language=language,
            interpreter_present=language in {"ar", "ti", "fa", "so"},
            research=research,
            sessions=sessions,
            quotes=research and i % 3 == 0,
        )
        respondents.record_consent(session, respondent, consent, by=vbs[owner], today=today)
        made.append(respondent)
    for n, (r, title, told, language, dutch, given) in enumerate(INTERVIEWS):
        respondent = made[r]
        author = vbs[RESPONDENTS[r][0]]
        when = today - timedelta(days=50 - n * 4)
        text = interviews.InterviewText(
            title=title,
            body_md=told,
            language=language,
            translation_nl=dutch,
            translated_by="tolk" if dutch else "",
            facilitator_note="Gesprek in een rustige ruimte; de verteller wilde graag meedoen.",
            experienced_on=when,
        )
        story = interviews.save_interview(session, author, respondent, text, framework=framework)
        interpretation = Interpretation(
            story_id=story.id, user_id=author.id, role=InterpretationRole.SELF
        )
        session.add(interpretation)
        session.flush()
        answers.save_interpretation(session, interpretation, questions, _form(given), require=False)
        interviews.submit_interview(
            session, story, now=datetime.combine(when, time(14), tzinfo=UTC)
        )
    return len(INTERVIEWS)
