"""Verhalenbegeleiders: respondents, consent and interviews ("Mijn gesprekken")."""

from __future__ import annotations

from flask import (
    current_app,
    flash,
    redirect,
    render_template,
    request,
    url_for,
)
from flask.typing import ResponseReturnValue
from flask_babel import force_locale
from flask_babel import gettext as _
from flask_login import current_user, login_required
from flask_wtf import FlaskForm
from markupsafe import Markup

from portal import policy
from portal.analysis.tags import story_tagging
from portal.core import audit
from portal.core.extensions import db
from portal.core.i18n import current_locale, local_date
from portal.frameworks import answers
from portal.interviews import respondents
from portal.interviews import service as interviews
from portal.models import ConsentMethod, Respondent, utcnow
from portal.stories import retention
from portal.stories import service as stories
from portal.views.interviews.blueprint import AREA, bp, load_interview, load_respondent
from portal.views.interviews.forms import (
    ConsentForm,
    RespondentForm,
    WithdrawForm,
    respondent_facts_form,
)


@bp.get("/respondents")
@policy.area_required(AREA)
def mine() -> ResponseReturnValue:
    page_no = request.args.get("page", 1, type=int)
    return render_template(
        "interviews/mine.html",
        respondents=interviews.my_respondents(
            db.session, current_user, page=request.args.get("rpage", 1, type=int)
        ),
        page=interviews.my_interviews(db.session, current_user, page=page_no),
        languages=interviews.LANGUAGES,
    )


@bp.route("/respondents/new", methods=["GET", "POST"])
@policy.area_required(AREA)
def new_respondent() -> ResponseReturnValue:
    form = RespondentForm()
    if form.validate_on_submit():
        respondent = respondents.create_respondent(
            db.session,
            current_user,
            age_band=form.age_band.data,
            household_type=form.household_type.data,
            years_in_nl_band=form.years_in_nl_band.data,
            language=form.language.data,
        )
        db.session.commit()
        flash(_("Respondent %(code)s is aangemaakt.", code=respondent.code), "success")
        return redirect(url_for("interviews.respondent", respondent_id=respondent.id))
    return render_template("interviews/new_respondent.html", form=form), (
        400 if form.errors else 200
    )


@bp.get("/respondents/consent-form")
@policy.area_required(AREA)
def consent_form() -> ResponseReturnValue:
    """The printable form in Dutch (with its simple-language part) and in English, whatever the
    reader's own language: the respondent may read either."""
    texts = {}
    for lang in ("nl", "en"):
        with force_locale(lang):
            texts[lang] = Markup(render_template("interviews/_consent_text.html", lang=lang))
    return render_template("interviews/consent_form.html", dutch=texts["nl"], english=texts["en"])


def _respondent_page(
    respondent: Respondent,
    consent_form: ConsentForm | None = None,
    facts_form: FlaskForm | None = None,
    status: int = 200,
) -> ResponseReturnValue:
    owner = policy.can(current_user, "read", respondent)
    if not owner:
        audit.record(db.session, current_user, "respondent.read", respondent)
        db.session.commit()
    today = local_date(utcnow())
    has_consent = owner and respondents.has_active_consent(respondent)
    days = current_app.config["RETENTION_DAYS"]
    deleted_on = retention.respondent_deletion_date(respondent, days) if owner else None
    return render_template(
        "interviews/respondent.html",
        respondent=respondent,
        is_owner=owner,
        can_edit=policy.can(current_user, "edit", respondent),
        facts_form=facts_form or respondent_facts_form(respondent),
        can_record=policy.can(current_user, "record_consent", respondent),
        can_withdraw=has_consent,
        has_consent=has_consent,
        deleted_on=deleted_on,
        consent_form=consent_form or ConsentForm(given_on=today, language=respondent.language),
        stories=interviews.respondent_interviews(db.session, respondent) if owner else [],
        languages=interviews.LANGUAGES,
        households=interviews.HOUSEHOLD_TYPES,
    ), status


@bp.get("/respondents/<int:respondent_id>")
@login_required
def respondent(respondent_id: int) -> ResponseReturnValue:
    return _respondent_page(load_respondent(respondent_id))


@bp.post("/respondents/<int:respondent_id>/facts")
@policy.area_required(AREA)
def edit_facts(respondent_id: int) -> ResponseReturnValue:
    respondent = load_respondent(respondent_id, "edit")
    form = respondent_facts_form(respondent)
    if not form.validate_on_submit():
        return _respondent_page(respondent, facts_form=form, status=400)
    facts = {name: form[name].data for name in respondents.FACT_FIELDS}
    changed = respondents.update_respondent_facts(db.session, respondent, **facts)
    if changed:  # the names of the fields, never their values
        audit.record(db.session, current_user, "respondent.edit", respondent, changed=changed)
        db.session.commit()
        flash(
            _("De gegevens van respondent %(code)s zijn bijgewerkt.", code=respondent.code),
            "success",
        )
    else:
        flash(_("Er is niets gewijzigd."), "info")
    return redirect(url_for("interviews.respondent", respondent_id=respondent.id))


@bp.post("/respondents/<int:respondent_id>/consent")
@policy.area_required(AREA)
def record_consent(respondent_id: int) -> ResponseReturnValue:
    respondent = load_respondent(respondent_id, "record_consent")
    form = ConsentForm()
    if form.validate_on_submit():
        data = respondents.ConsentInput(
            given_on=form.given_on.data,
            method=ConsentMethod(form.method.data),
            language=form.language.data,
            interpreter_present=form.interpreter_present.data,
            research=form.scope_research.data,
            sessions=form.scope_sessions.data,
            quotes=form.scope_quotes.data,
        )
        try:
            consent = respondents.record_consent(
                db.session, respondent, data, by=current_user, today=local_date(utcnow())
            )
        except respondents.ConsentError as error:
            field = form.scope_research if error.field == "scopes" else form.given_on
            field.errors = [*field.errors, str(error)]
        else:
            audit.record(
                db.session,
                current_user,
                "consent.record",
                consent,
                respondent=respondent.code,
                research=data.research,
                sessions=data.sessions,
                quotes=data.quotes,
            )
            db.session.commit()
            flash(_("De toestemming is vastgelegd."), "success")
            return redirect(url_for("interviews.respondent", respondent_id=respondent.id))
    return _respondent_page(respondent, consent_form=form, status=400)


def _withdraw_page(
    respondent: Respondent, form: WithdrawForm, status: int = 200
) -> ResponseReturnValue:
    days = current_app.config["RETENTION_DAYS"]
    today = local_date(utcnow())
    return render_template(
        "interviews/withdraw.html",
        respondent=respondent,
        form=form,
        days=days,
        deleted_on=retention.deletion_date(form.withdrawn_on.data or today, days),
        interviews=len(interviews.respondent_interviews(db.session, respondent)),
    ), status


@bp.get("/respondents/<int:respondent_id>/withdraw")
@policy.area_required(AREA)
def confirm_withdrawal(respondent_id: int) -> ResponseReturnValue:
    """Say what withdrawing does, and when the interviews are deleted, before it is done."""
    respondent = load_respondent(respondent_id, "edit")
    if not respondents.has_active_consent(respondent):
        flash(_("Er is geen geldige toestemming meer om in te trekken."), "info")
        return redirect(url_for("interviews.respondent", respondent_id=respondent.id))
    return _withdraw_page(respondent, WithdrawForm(withdrawn_on=local_date(utcnow())))


@bp.post("/respondents/<int:respondent_id>/withdraw")
@policy.area_required(AREA)
def withdraw_consent(respondent_id: int) -> ResponseReturnValue:
    respondent = load_respondent(respondent_id, "edit")
    form = WithdrawForm()
    if form.validate_on_submit():
        try:
            withdrawn = respondents.withdraw_consent(
                db.session,
                respondent,
                on=form.withdrawn_on.data,
                by=current_user,
                today=local_date(utcnow()),
            )
        except respondents.ConsentError as error:
            form.withdrawn_on.errors = [*form.withdrawn_on.errors, str(error)]
        else:
            for consent in withdrawn:
                audit.record(
                    db.session,
                    current_user,
                    "consent.withdraw",
                    consent,
                    respondent=respondent.code,
                    on=consent.withdrawn_on.isoformat(),
                )
            db.session.commit()
            flash(
                _("De toestemming is ingetrokken. De verhalen worden niet meer gebruikt."),
                "success",
            )
            return redirect(url_for("interviews.respondent", respondent_id=respondent.id))
    return _withdraw_page(respondent, form, status=400)


@bp.get("/interviews/<int:story_id>")
@login_required
def show(story_id: int) -> ResponseReturnValue:
    story = load_interview(story_id)  # audits the read
    is_author = policy.can(current_user, "read_as_author", story)
    if is_author and story.is_draft and policy.can(current_user, "edit", story):
        return redirect(url_for("interviews.edit", story_id=story.id))
    stored = stories.own_answers(db.session, story)
    return render_template(
        "interviews/show.html",
        story=story,
        is_author=is_author,
        can_edit=policy.can(current_user, "edit", story),
        consent_withdrawn=not respondents.has_active_consent(story.respondent),
        show_note=policy.can(current_user, "read_note", story),
        summary=answers.summarise(story.framework.questions, stored, current_locale()),
        direction=interviews.text_direction(story.language),
        languages=interviews.LANGUAGES,
        tagging=story_tagging(db.session, current_user, story, current_locale()),
    )
