"""The import forms."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from flask_wtf.file import FileField, FileRequired
from wtforms import HiddenField, RadioField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, Regexp


class ImportForm(FlaskForm):
    kind = RadioField(
        _l("Wat lees je in?"),
        choices=[SelectChoice("interview", _l("Interviews (bijvoorbeeld eerst op papier)"))],
        default="interview",
        validators=[DataRequired(_l("Kies wat je inleest."))],
    )
    file = FileField(
        _l("CSV-bestand in het formaat van de export"),
        validators=[FileRequired(_l("Kies een bestand."))],
    )


class ConfirmForm(FlaskForm):
    sha256 = HiddenField(validators=[Regexp(r"^[0-9a-f]{64}$")])
    kind = HiddenField(validators=[DataRequired()])
    filename = HiddenField()
