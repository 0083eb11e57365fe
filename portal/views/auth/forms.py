"""Forms for logging in, setting passwords and two-factor codes."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField, EmailField, PasswordField, StringField
from wtforms.validators import DataRequired, EqualTo, Length

from portal.accounts.users import MIN_PASSWORD_LENGTH


class LoginForm(FlaskForm):
    email = EmailField(_l("E-mailadres"), validators=[DataRequired(_l("Vul je e-mailadres in."))])
    password = PasswordField(
        _l("Wachtwoord"), validators=[DataRequired(_l("Vul je wachtwoord in."))]
    )
    remember = BooleanField(_l("Ingelogd blijven op dit apparaat"))


class NewPasswordMixin:
    password = PasswordField(
        _l("Nieuw wachtwoord"),
        validators=[
            DataRequired(_l("Kies een wachtwoord.")),
            Length(
                min=MIN_PASSWORD_LENGTH,
                message=_l("Kies een wachtwoord van minstens %(n)s tekens.", n=MIN_PASSWORD_LENGTH),
            ),
        ],
    )
    confirm = PasswordField(
        _l("Herhaal het wachtwoord"),
        validators=[EqualTo("password", _l("De twee wachtwoorden zijn niet gelijk."))],
    )


class SetPasswordForm(NewPasswordMixin, FlaskForm):
    pass


class SetupForm(NewPasswordMixin, FlaskForm):
    name = StringField(
        _l("Je naam"),
        validators=[DataRequired(_l("Vul je naam in.")), Length(max=120)],
    )
    email = EmailField(_l("E-mailadres"), validators=[DataRequired(_l("Vul je e-mailadres in."))])


class CodeForm(FlaskForm):
    """A code from an authenticator app (the second login step and its set-up)."""

    code = StringField(
        _l("Code uit je app"),
        validators=[DataRequired(_l("Vul de code van 6 cijfers uit je app in."))],
    )
