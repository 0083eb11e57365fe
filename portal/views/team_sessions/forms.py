"""The form to plan a new team session."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import DateField, RadioField, SelectField, StringField, TextAreaField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, Length

from portal.models import Anonymity, SessionMethod
from portal.team_sessions.phases import METHOD_LABELS

ANONYMITY_LABELS = {
    Anonymity.NAMED: _l("Namen zichtbaar voor iedereen in de sessie"),
    Anonymity.COACH_ONLY: _l("Namen alleen zichtbaar voor de coach"),
    Anonymity.ANONYMOUS: _l("Namen voor niemand zichtbaar"),
}


class NewSessionForm(FlaskForm):
    team = SelectField(_l("Team"), coerce=int, validators=[DataRequired(_l("Kies een team."))])
    title = StringField(
        _l("Titel"),
        validators=[
            DataRequired(_l("Geef de sessie een titel.")),
            Length(max=200, message=_l("Gebruik hooguit 200 tekens.")),
        ],
        render_kw={"maxlength": 200, "autocomplete": "off"},
    )
    held_on = DateField(_l("Datum"), validators=[DataRequired(_l("Kies een geldige datum."))])
    method = RadioField(
        _l("Werkvorm"),
        choices=[SelectChoice(m.value, label) for m, label in METHOD_LABELS.items()],
        default=SessionMethod.INCIDENT.value,
        validators=[DataRequired(_l("Kies een werkvorm."))],
    )
    anonymity = RadioField(
        _l("Wie ziet wiens antwoord?"),
        choices=[SelectChoice(a.value, label) for a, label in ANONYMITY_LABELS.items()],
        default=Anonymity.NAMED.value,
        validators=[DataRequired(_l("Kies wie de namen ziet."))],
    )
    domains = TextAreaField(
        _l("Domeinen van verandering (meest significante verandering; één per regel)"),
        validators=[Length(max=2000, message=_l("Gebruik hooguit 2000 tekens."))],
        render_kw={"rows": 3},
    )
