"""Forms of the beheer area."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import EmailField, SelectField, SelectMultipleField, StringField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, Length, Optional
from wtforms.widgets import CheckboxInput, ListWidget

from portal.models import Role


class MultiCheckboxField(SelectMultipleField):
    widget = ListWidget(prefix_label=False)
    option_widget = CheckboxInput()


def role_choices() -> list[SelectChoice]:
    from portal.views.nav import ROLE_LABELS

    return [SelectChoice(role.value, ROLE_LABELS[role]) for role in Role]


class InviteForm(FlaskForm):
    """DESIGN §8: ``email``, ``name``, ``roles`` (repeatable) and ``team``."""

    email = EmailField(
        _l("E-mailadres"),
        validators=[DataRequired(_l("Vul een e-mailadres in.")), Length(max=254)],
    )
    name = StringField(
        _l("Naam"), validators=[DataRequired(_l("Vul een naam in.")), Length(max=120)]
    )
    roles = MultiCheckboxField(
        _l("Rollen"), validators=[DataRequired(_l("Kies minstens één rol."))]
    )
    team = SelectField(_l("Team"), coerce=str, validators=[Optional()])
    locale = SelectField(
        _l("Taal van de e-mail"),
        choices=[SelectChoice("nl", "Nederlands"), SelectChoice("en", "English")],
        default="nl",
    )


class PersonForm(FlaskForm):
    name = StringField(
        _l("Naam"), validators=[DataRequired(_l("Vul een naam in.")), Length(max=120)]
    )
    roles = MultiCheckboxField(
        _l("Rollen"), validators=[DataRequired(_l("Kies minstens één rol."))]
    )
    teams = MultiCheckboxField(_l("Lid van de teams"), coerce=int, validators=[Optional()])
    coached_teams = MultiCheckboxField(
        _l("Coach van de teams"), coerce=int, validators=[Optional()]
    )
