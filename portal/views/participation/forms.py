"""The form to skip a cycle."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import RadioField, TextAreaField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, Length


class SkipForm(FlaskForm):
    reason = RadioField(
        _l("Waarom sla je deze ronde over?"),
        choices=[
            SelectChoice("vakantie", _l("Vakantie")),
            SelectChoice("ziek", _l("Ziek")),
            SelectChoice("anders", _l("Anders")),
        ],
        validators=[DataRequired(_l("Kies een reden."))],
    )
    note = TextAreaField(
        _l("Toelichting (niet verplicht)"),
        validators=[Length(max=1000, message=_l("Gebruik hooguit 1000 tekens."))],
    )
