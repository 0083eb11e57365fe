"""The settings form."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField, RadioField
from wtforms.fields.choices import SelectChoice


class SettingsForm(FlaskForm):
    locale = RadioField(
        _l("Taal"),
        choices=[SelectChoice("nl", "Nederlands"), SelectChoice("en", "English")],
        default="nl",
    )
    email_reminders = BooleanField(_l("Stuur me een e-mail als een nieuwe ronde begint"))
