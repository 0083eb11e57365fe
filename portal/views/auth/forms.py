"""Forms for logging in, setting passwords and two-factor codes."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField, EmailField, Field, PasswordField, StringField
from wtforms.validators import DataRequired, EqualTo, Length, ValidationError

from portal.accounts.password_rule import password_problem


class LoginForm(FlaskForm):
    email = EmailField(_l("E-mailadres"), validators=[DataRequired(_l("Vul je e-mailadres in."))])
    password = PasswordField(
        _l("Wachtwoord"), validators=[DataRequired(_l("Vul je wachtwoord in."))]
    )
    remember = BooleanField(_l("Ingelogd blijven op dit apparaat"))


class NewPasswordMixin:
    """``password`` and ``password_confirm`` (DESIGN §8), checked against the one password rule;
    the view sets ``account_email`` when the form has no e-mail field of its own."""

    account_email: str | None = None

    password = PasswordField(
        _l("Nieuw wachtwoord"),
        validators=[DataRequired(_l("Kies een wachtwoord.")), Length(max=1000)],
    )
    password_confirm = PasswordField(
        _l("Herhaal het wachtwoord"),
        validators=[EqualTo("password", _l("De twee wachtwoorden zijn niet gelijk."))],
    )

    def validate_password(self, field: Field) -> None:
        email_field = getattr(self, "email", None)
        email = self.account_email or (email_field.data if email_field is not None else None)
        problem = password_problem(field.data or "", email)
        if problem:
            raise ValidationError(str(problem))


class SetPasswordForm(NewPasswordMixin, FlaskForm):
    pass


class ForgotForm(FlaskForm):
    email = EmailField(
        _l("E-mailadres"),
        validators=[DataRequired(_l("Vul je e-mailadres in.")), Length(max=254)],
    )


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
