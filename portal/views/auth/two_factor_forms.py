"""The form for a code from an authenticator app."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import StringField
from wtforms.validators import DataRequired


class CodeForm(FlaskForm):
    code = StringField(
        _l("Code uit je app"),
        validators=[DataRequired(_l("Vul de code van 6 cijfers uit je app in."))],
    )
