"""Forms of the reflection flow (the signifier answers are parsed by portal.frameworks.answers)."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import DateField, RadioField, StringField, TextAreaField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import Optional

from portal.stories.service import MAX_BODY, MAX_TITLE


class WriteForm(FlaskForm):
    title = StringField(_l("Titel"), render_kw={"maxlength": MAX_TITLE, "autocomplete": "off"})
    body_md = TextAreaField(
        _l("Je verhaal"), render_kw={"rows": 16, "maxlength": MAX_BODY, "spellcheck": "true"}
    )
    experienced_on = DateField(
        _l("Datum van de ervaring"),
        validators=[Optional()],
        render_kw={"autocomplete": "off"},
    )


class StepForm(FlaskForm):
    """Only the CSRF token: the questions are rendered and parsed outside WTForms."""


class ReflectForm(FlaskForm):
    shared = RadioField(
        _l("Mag je team dit verhaal lezen?"),
        choices=[
            SelectChoice("yes", _l("Ja, deel het met mijn team")),
            SelectChoice("no", _l("Nee, alleen voor mij")),
        ],
        default="no",
    )
