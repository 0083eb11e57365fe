"""Forms of the beheer area."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import (
    DateField,
    EmailField,
    IntegerField,
    SelectField,
    SelectMultipleField,
    StringField,
    TextAreaField,
)
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, InputRequired, Length, NumberRange, Optional
from wtforms.widgets import CheckboxInput, ListWidget

from portal.models import Role


class SmallIntegerField(IntegerField):
    """An IntegerField that refuses a number of more than nine digits before anything compares
    it: NumberRange turns the value into a float, and a number of 400 digits does not fit one
    (a 500 instead of the form's message)."""

    def process_formdata(self, valuelist: list[str]) -> None:
        if valuelist and len(valuelist[0].strip().lstrip("+-")) > 9:
            self.data = None
            raise ValueError(_l("Vul een kleiner getal in."))
        super().process_formdata(valuelist)


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


class TeamForm(FlaskForm):
    name = StringField(
        _l("Naam van het team"),
        validators=[DataRequired(_l("Vul een teamnaam in.")), Length(max=120)],
    )
    cycle_start = DateField(_l("Eerste dag van ronde 1"), validators=[Optional()])
    cycle_length_days = SmallIntegerField(
        _l("Lengte van een ronde (dagen)"),
        default=14,
        validators=[
            InputRequired(_l("Vul de lengte van een ronde in.")),
            NumberRange(1, 366, _l("Een ronde duurt 1 tot 366 dagen.")),
        ],
    )
    reminder_days = SmallIntegerField(
        _l("Herinnering, dagen voor het einde van de ronde"),
        validators=[Optional(), NumberRange(0, 365, _l("Kies 0 tot 365 dagen."))],
    )


class TeamPeopleForm(TeamForm):
    members = MultiCheckboxField(_l("Leden"), coerce=int, validators=[Optional()])
    coaches = MultiCheckboxField(_l("Coaches"), coerce=int, validators=[Optional()])


class TagEditForm(FlaskForm):
    """Labels and description of a tag; the service checks them (clear messages per field)."""

    label_nl = StringField(_l("Label in het Nederlands"))
    label_en = StringField(_l("Label in het Engels"))
    description = TextAreaField(_l("Omschrijving (niet verplicht)"))


class TagForm(FlaskForm):
    code = StringField(_l("Code"))
    label_nl = StringField(_l("Label in het Nederlands"))
    label_en = StringField(_l("Label in het Engels"))
    description = TextAreaField(_l("Omschrijving (niet verplicht)"))
