"""Forms for prompt questions: a question of the bank, and the question of one cycle."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import SelectField, TextAreaField
from wtforms.validators import DataRequired, Length

from portal.cycles.prompt_bank import MAX_LENGTH

_TOO_LONG = _l("Gebruik hooguit 500 tekens.")


class QuestionForm(FlaskForm):
    text_nl = TextAreaField(
        _l("Vraag in het Nederlands"),
        validators=[
            DataRequired(_l("Vul de vraag in het Nederlands in.")),
            Length(max=MAX_LENGTH, message=_TOO_LONG),
        ],
        render_kw={"rows": 3},
    )
    text_en = TextAreaField(
        _l("Vraag in het Engels (niet verplicht)"),
        validators=[Length(max=MAX_LENGTH, message=_TOO_LONG)],
        render_kw={"rows": 3},
    )


class BankChoiceForm(FlaskForm):
    """Choose a question of the bank for one cycle (the choices are set by the view)."""

    question = SelectField(
        _l("Vraag uit de vragenbank"),
        validators=[DataRequired(_l("Kies een vraag."))],
        validate_choice=False,  # the service refuses an unknown question with a clear message
    )
