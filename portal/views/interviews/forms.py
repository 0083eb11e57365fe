"""Forms of the verhalenbegeleider pages (signifier answers are parsed by portal.frameworks.answers)."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField, DateField, SelectField, StringField, TextAreaField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, Optional

from portal.core.inputs import bounded_int
from portal.interviews.respondents import FACT_FIELDS
from portal.interviews.service import HOUSEHOLD_TYPES, LANGUAGES, MAX_NOTE, MAX_TRANSLATOR
from portal.models import Respondent
from portal.stories.service import MAX_BODY, MAX_TITLE

AGE_BANDS = ["", "18-25", "26-35", "36-50", "51-65", "65+"]
YEARS_BANDS = ["", "<1", "1-2", "3-5", "5+"]


def _language_choices(blank: bool = False) -> list[SelectChoice]:
    choices = [SelectChoice(code, label) for code, label in LANGUAGES.items()]
    return ([SelectChoice("", _l("onbekend"))] if blank else []) + choices


class RespondentForm(FlaskForm):
    age_band = SelectField(
        _l("Leeftijdsgroep"), choices=[SelectChoice(b, b or "—") for b in AGE_BANDS], default=""
    )
    household_type = SelectField(
        _l("Huishouden"),
        choices=[SelectChoice("", "—")]
        + [SelectChoice(key, label) for key, label in HOUSEHOLD_TYPES.items()],
        default="",
    )
    years_in_nl_band = SelectField(
        _l("Jaren in Nederland"),
        choices=[SelectChoice(b, b or "—") for b in YEARS_BANDS],
        default="",
    )
    language = SelectField(
        _l("Taal van het gesprek"), choices=_language_choices(blank=True), default=""
    )


def respondent_facts_form(respondent: Respondent) -> RespondentForm:
    """The respondent's coarse facts to edit on its page, pre-filled (a field left out of a POST
    keeps the stored value). Prefixed, as the consent form beside it also has a ``language``; like
    the other prefixed forms, the page renders the plain token that CSRFProtect checks."""
    data = {name: getattr(respondent, name) or "" for name in FACT_FIELDS}
    return RespondentForm(prefix="facts", data=data, meta={"csrf": False})


class ConsentForm(FlaskForm):
    given_on = DateField(_l("Datum van de toestemming"), validators=[DataRequired()])
    method = SelectField(
        _l("Hoe gegeven"),
        choices=[
            SelectChoice("spoken", _l("mondeling")),
            SelectChoice("written", _l("schriftelijk")),
        ],
    )
    language = SelectField(_l("Taal van de uitleg"), choices=_language_choices())
    interpreter_present = BooleanField(_l("Er was een tolk bij"))
    scope_research = BooleanField(
        _l("Voor onderzoek"),
        description=_l(
            "Onderzoekers mogen het verhaal zonder naam gebruiken om te zien wat vaker voorkomt. "
            "Het team leest het niet."
        ),
    )
    scope_sessions = BooleanField(
        _l("Voor teamsessies (intervisie)"),
        description=_l(
            "Klantmanagers van het team mogen het verhaal zonder naam samen bespreken, om te leren "
            "hoe ze mensen beter kunnen helpen."
        ),
    )
    scope_quotes = BooleanField(
        _l("Citaten in rapporten"),
        description=_l(
            "Zinnen uit het verhaal mogen letterlijk in een rapport staan, zonder naam en zonder "
            "iets waaraan iemand de respondent herkent."
        ),
    )


class WithdrawForm(FlaskForm):
    withdrawn_on = DateField(_l("Datum van intrekken"), validators=[DataRequired()])


class InterviewForm(FlaskForm):
    respondent_id = SelectField(_l("Respondent"), coerce=bounded_int, validate_choice=False)
    title = StringField(_l("Titel"), render_kw={"maxlength": MAX_TITLE, "autocomplete": "off"})
    language = SelectField(_l("Taal waarin het verhaal verteld is"), choices=_language_choices())
    body_md = TextAreaField(
        _l("Het verhaal in de vertelde taal"), render_kw={"rows": 12, "maxlength": MAX_BODY}
    )
    translation_nl = TextAreaField(
        _l("Nederlandse vertaling"),
        render_kw={"rows": 12, "maxlength": MAX_BODY, "lang": "nl", "dir": "ltr"},
    )
    translated_by = StringField(
        _l("Vertaald door (rol, geen naam nodig)"), render_kw={"maxlength": MAX_TRANSLATOR}
    )
    experienced_on = DateField(_l("Datum van het gesprek"), validators=[Optional()])
    facilitator_note = TextAreaField(
        _l("Notitie van de verhalenbegeleider (alleen voor jou en onderzoekers)"),
        render_kw={"rows": 4, "maxlength": MAX_NOTE},
    )
