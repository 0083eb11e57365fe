"""Prompt questions per team (``/prompts``): the bank, and the question of each coming cycle.

Coaches manage the teams they coach, beheerders every team (``policy`` rule ``manage_prompts``);
a team the user may not manage answers 404."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from flask import abort, flash, redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _
from flask_login import current_user
from flask_wtf import FlaskForm
from wtforms import Field

from portal import policy
from portal.core.extensions import db
from portal.core.i18n import current_locale
from portal.cycles import prompt_bank
from portal.cycles.prompt_bank import PromptError
from portal.cycles.prompts import in_rotation
from portal.cycles.schedule import local_today
from portal.models import Cycle, Team, utcnow
from portal.views.prompts.blueprint import bp
from portal.views.prompts.forms import BankChoiceForm, QuestionForm

area_required = policy.area_required(policy.Area.PROMPTS)


def load_team(team_id: int) -> Team:
    """The team, or 404 when it does not exist or the user may not manage its prompts."""
    team = db.session.get(Team, team_id)
    if team is None or not policy.can(current_user, "manage_prompts", team):
        abort(404)
    return team


def _today(team: Team) -> date:
    return local_today(team, utcnow())


# One page holds two forms per cycle, so their fields get a prefix per cycle. CSRFProtect checks
# the token of every POST app-wide; these forms render the plain token, not a prefixed copy.
_NO_FORM_CSRF = {"csrf": False}


def _bank_form(number: int, formdata: object = None) -> BankChoiceForm:
    return BankChoiceForm(formdata=formdata, prefix=f"c{number}-bank", meta=_NO_FORM_CSRF)


def _own_form(number: int, formdata: object = None) -> QuestionForm:
    return QuestionForm(formdata=formdata, prefix=f"c{number}-own", meta=_NO_FORM_CSRF)


def _add_error(field: Field, error: PromptError) -> None:
    field.errors = [*field.errors, str(error)]


def _team_page(
    team: Team,
    *,
    question_form: QuestionForm | None = None,
    cycle_forms: dict[str, BankChoiceForm | QuestionForm] | None = None,
    open_number: int | None = None,
    status: int = 200,
) -> ResponseReturnValue:
    today = _today(team)
    choices = prompt_bank.bank_choices(db.session, team)
    planned = prompt_bank.plan(db.session, team, today=today, choices=choices)
    questions = prompt_bank.team_questions(db.session, team)
    english = current_locale() == "en"
    labels = [(c.key, c.text_en if english else c.text_nl) for c in choices]
    given = cycle_forms or {}
    forms = {}
    for p in planned:
        mine = p.number == open_number
        bank = given.get("bank") if mine else None
        bank = bank or _bank_form(p.number)
        bank.question.choices = labels
        if bank.question.data is None:
            bank.question.data = in_rotation(choices, p.number).key
        own = (given.get("own") if mine else None) or _own_form(p.number)
        forms[p.number] = (bank, own)
    invalid = next((f for f in [question_form, *given.values()] if f and f.errors), None)
    page = render_template(
        "prompts/team.html",
        team=team,
        questions=questions,
        defaults=[] if questions else choices,
        planned=planned,
        forms=forms,
        question_form=question_form or QuestionForm(formdata=None),
        invalid=invalid,
        open_number=open_number,
    )
    return page, status


@bp.get("")
@area_required
def index() -> ResponseReturnValue:
    teams = prompt_bank.manageable_teams(db.session, current_user)
    own = prompt_bank.teams_with_own_bank(db.session, teams)
    return render_template("prompts/index.html", teams=teams, own=own)


@bp.get("/team/<int:team_id>")
@area_required
def team(team_id: int) -> ResponseReturnValue:
    return _team_page(load_team(team_id))


def _back(team: Team, anchor: str) -> ResponseReturnValue:
    return redirect(url_for("prompts.team", team_id=team.id, _anchor=anchor))


# --- the bank ----------------------------------------------------------------------------------


@bp.post("/team/<int:team_id>/start")
@area_required
def start_bank(team_id: int) -> ResponseReturnValue:
    team = load_team(team_id)
    try:
        prompt_bank.start_own_bank(db.session, team)
    except PromptError as error:
        db.session.rollback()
        flash(str(error), "error")
        return _team_page(team, status=400)
    db.session.commit()
    flash(_("Het team heeft nu een eigen vragenbank, met de standaardvragen als begin."), "success")
    return _back(team, "bank")


@bp.post("/team/<int:team_id>/questions")
@area_required
def add_question(team_id: int) -> ResponseReturnValue:
    team = load_team(team_id)
    form = QuestionForm()
    if form.validate_on_submit():
        try:
            prompt_bank.add_question(db.session, team, form.text_nl.data, form.text_en.data)
        except PromptError as error:
            db.session.rollback()
            _add_error(form.text_nl, error)
        else:
            db.session.commit()
            flash(_("De vraag is toegevoegd aan de vragenbank."), "success")
            return _back(team, "bank")
    return _team_page(team, question_form=form, status=400)


@bp.route("/team/<int:team_id>/questions/<int:question_id>", methods=["GET", "POST"])
@area_required
def edit_question(team_id: int, question_id: int) -> ResponseReturnValue:
    team = load_team(team_id)
    question = prompt_bank.get_question(db.session, team, question_id)
    if question is None:
        abort(404)
    form = QuestionForm(obj=question)
    if form.validate_on_submit():
        try:
            prompt_bank.edit_question(db.session, question, form.text_nl.data, form.text_en.data)
        except PromptError as error:
            db.session.rollback()
            _add_error(form.text_nl, error)
        else:
            db.session.commit()
            flash(_("De vraag is gewijzigd."), "success")
            return _back(team, f"question-{question.id}")
    page = render_template("prompts/edit.html", team=team, question=question, form=form)
    return page, 400 if form.errors else 200


@bp.post("/team/<int:team_id>/questions/<int:question_id>/active")
@area_required
def set_active(team_id: int, question_id: int) -> ResponseReturnValue:
    team = load_team(team_id)
    question = prompt_bank.get_question(db.session, team, question_id)
    if question is None:
        abort(404)
    active = {"1": True, "0": False}.get(request.form.get("active", ""))
    if active is None:
        abort(400)
    try:
        prompt_bank.set_active(db.session, question, active)
    except PromptError as error:
        db.session.rollback()
        flash(str(error), "error")
        return _team_page(team, status=400)
    db.session.commit()
    if active:
        flash(_("De vraag staat weer aan."), "success")
    else:
        flash(_("De vraag staat uit en wordt overgeslagen."), "success")
    return _back(team, f"question-{question.id}")


@bp.post("/team/<int:team_id>/questions/<int:question_id>/move")
@area_required
def move_question(team_id: int, question_id: int) -> ResponseReturnValue:
    team = load_team(team_id)
    question = prompt_bank.get_question(db.session, team, question_id)
    if question is None:
        abort(404)
    step = {"up": -1, "down": 1}.get(request.form.get("direction", ""))
    if step is None:
        abort(400)
    prompt_bank.move_question(db.session, team, question, step)
    db.session.commit()
    return _back(team, f"question-{question.id}")


# --- the coming cycles -------------------------------------------------------------------------


def _commit_choice(team: Team, cycle: Cycle, today: date) -> ResponseReturnValue:
    db.session.commit()
    if cycle.starts_on <= today:
        flash(
            _(
                "Ronde %(number)s heeft nu deze vraag. De ronde loopt al: wie haar opent, ziet meteen de nieuwe vraag.",
                number=cycle.number,
            ),
            "success",
        )
    else:
        flash(_("Ronde %(number)s krijgt deze vraag.", number=cycle.number), "success")
    return _back(team, f"cycle-{cycle.number}")


def _refused(
    team: Team, number: int, today: date, error: PromptError, forms: dict, field: Field
) -> ResponseReturnValue:
    db.session.rollback()
    if number in prompt_bank.plannable_numbers(team, today):
        _add_error(field, error)
    else:
        flash(str(error), "error")
    return _team_page(team, cycle_forms=forms, open_number=number, status=400)


def _choose(
    team_id: int,
    number: int,
    kind: str,
    make_form: Callable[..., FlaskForm],
    save: Callable[[Team, FlaskForm, date], Cycle],
    error_field: Callable[[FlaskForm], Field],
) -> ResponseReturnValue:
    """A choice for cycle ``number`` from one of the per-cycle forms (``kind``: bank or own)."""
    team = load_team(team_id)
    today = _today(team)
    form = make_form(number, formdata=request.form)
    if form.validate_on_submit():
        try:
            cycle = save(team, form, today)
        except PromptError as error:
            return _refused(team, number, today, error, {kind: form}, error_field(form))
        return _commit_choice(team, cycle, today)
    return _team_page(team, cycle_forms={kind: form}, open_number=number, status=400)


@bp.post("/team/<int:team_id>/cycles/<int:number>/bank")
@area_required
def choose_from_bank(team_id: int, number: int) -> ResponseReturnValue:
    return _choose(
        team_id,
        number,
        "bank",
        _bank_form,
        lambda team, form, today: prompt_bank.choose_from_bank(
            db.session, team, number, form.question.data, today=today
        ),
        lambda form: form.question,
    )


@bp.post("/team/<int:team_id>/cycles/<int:number>/own")
@area_required
def choose_own(team_id: int, number: int) -> ResponseReturnValue:
    return _choose(
        team_id,
        number,
        "own",
        _own_form,
        lambda team, form, today: prompt_bank.choose_own_text(
            db.session, team, number, form.text_nl.data, form.text_en.data, today=today
        ),
        lambda form: form.text_nl,
    )


@bp.post("/team/<int:team_id>/cycles/<int:number>/rotation")
@area_required
def back_to_rotation(team_id: int, number: int) -> ResponseReturnValue:
    team = load_team(team_id)
    try:
        prompt_bank.back_to_rotation(db.session, team, number, today=_today(team))
    except PromptError as error:
        db.session.rollback()
        flash(str(error), "error")
        return _team_page(team, status=400)
    db.session.commit()
    flash(_("Ronde %(number)s volgt weer de vaste volgorde.", number=number), "success")
    return _back(team, f"cycle-{number}")
