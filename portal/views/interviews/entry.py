"""Entering an interview: respondent with consent → story in the told language and its Dutch
translation → the statushouder's own interpretation → facilitator note → save or submit."""

from __future__ import annotations

from flask import abort, flash, jsonify, redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue
from flask_babel import format_time
from flask_babel import gettext as _
from flask_login import current_user
from wtforms.fields.choices import SelectChoice

from portal import policy
from portal.core.extensions import db
from portal.core.i18n import current_locale
from portal.cycles.schedule import user_today
from portal.frameworks import answers, translations
from portal.interviews import drafts as interview_drafts
from portal.interviews import entry as interview_entry
from portal.interviews import respondents
from portal.interviews import service as interviews
from portal.models import Question, Respondent, Story, utcnow
from portal.stories import privacy_check
from portal.stories import service as stories
from portal.views.interviews.blueprint import AREA, bp, load_interview
from portal.views.interviews.forms import InterviewForm
from portal.views.rescue import rescuable


def _text_from(form: InterviewForm) -> interviews.InterviewText:
    return interviews.InterviewText(
        title=stories.clean_text(form.title.data).strip(),
        body_md=stories.clean_text(form.body_md.data),
        language=form.language.data or "nl",
        translation_nl=stories.clean_text(form.translation_nl.data),
        translated_by=stories.clean_text(form.translated_by.data).strip(),
        facilitator_note=stories.clean_text(form.facilitator_note.data),
        experienced_on=form.experienced_on.data,
    )


def _autosave_url(story: Story | None) -> str | None:
    """Where the page saves while typing: only a new interview or a draft is saved that way."""
    if story is None:
        return url_for("interviews.autosave_new")
    return url_for("interviews.autosave", story_id=story.id) if story.is_draft else None


def _page(
    form: InterviewForm,
    story: Story | None,
    questions: list[Question],
    values: dict[str, answers.FormAnswer],
    errors: dict[str, object],
    own: list[Respondent],
    status: int = 200,
) -> ResponseReturnValue:
    findings = privacy_check.story_findings(_text_from(form), values)
    return render_template(
        "interviews/edit.html",
        form=form,
        story=story,
        questions=questions,
        values=values,
        errors=errors,
        respondents=own,
        without=[r for r in own if not respondents.has_active_consent(r)],
        direction=interviews.text_direction(form.language.data),
        locale=current_locale(),
        autosave_url=_autosave_url(story),
        findings=findings,
        findings_digest=privacy_check.findings_digest(findings),
        places=_places(form, questions),
        telling=translations.in_language(db.session, questions, form.language.data),
        telling_lang=form.language.data,
    ), status


def _places(form: InterviewForm, questions: list[Question]) -> dict[str, str]:
    """What to call each field a privacy finding can stand in: its label, or the question."""
    labels = {name: getattr(form, name).label.text for name in privacy_check.STORY_FIELDS}
    return privacy_check.places(labels, questions, current_locale())


def _form(story: Story | None, own: list[Respondent]) -> InterviewForm:
    form = InterviewForm(obj=story)
    form.respondent_id.choices = [SelectChoice(0, _("— kies een respondent —"))] + [
        SelectChoice(r.id, r.code) for r in own
    ]
    if story is None and request.method == "GET":
        form.respondent_id.data = request.args.get("respondent", 0, type=int)
    return form


def _entry(story: Story | None) -> ResponseReturnValue:
    own = interviews.all_my_respondents(db.session, current_user)
    form = _form(story, own)
    if not form.validate_on_submit():
        questions = interview_entry.entry_questions(db.session, story)
        values = answers.values_from_answers(questions, stories.own_answers(db.session, story))
        return _page(form, story, questions, values, {}, own, 400 if form.errors else 200)
    now = utcnow()
    result = interview_entry.save_entry(
        db.session,
        current_user,
        story,
        respondent_id=form.respondent_id.data,
        text=_text_from(form),
        answer_form=request.form,
        go=request.form.get("go", "save"),
        seen_digest=request.form.get("privacy_seen", ""),
        today=user_today(current_user, now),
        now=now,
    )
    if not result.saved:
        for name, message in result.field_errors.items():
            getattr(form, name).errors = [*getattr(form, name).errors, str(message)]
        parsed = result.answers
        return _page(form, story, result.questions, parsed.values, parsed.errors, own, 400)
    db.session.commit()
    if result.submitted:
        flash(_("Het gesprek is ingediend."), "success")
        return redirect(url_for("interviews.show", story_id=result.story.id))
    if result.held_back:
        flash(_("Nog niet ingediend: kijk eerst naar de waarschuwing hieronder."), "warning")
    else:
        flash(_("Concept bewaard."), "success")
    return redirect(url_for("interviews.edit", story_id=result.story.id))


@bp.route("/interviews/new", methods=["GET", "POST"])
@policy.area_required(AREA)
@rescuable
def new() -> ResponseReturnValue:
    return _entry(None)


def _editable(story_id: int) -> Story:
    """The verhalenbegeleider's own interview. Whether its text may change is the policy's "edit"
    (no longer once consent is withdrawn), asked by the service, which then says why it refused."""
    story = load_interview(story_id)
    if not policy.can(current_user, "read_as_author", story):
        abort(404)
    return story


@bp.route("/interviews/<int:story_id>/edit", methods=["GET", "POST"])
@policy.area_required(AREA)
@rescuable
def edit(story_id: int) -> ResponseReturnValue:
    return _entry(_editable(story_id))


@bp.post("/interviews/autosave")
@policy.area_required(AREA)
def autosave_new() -> ResponseReturnValue:
    """The first automatic save of a new interview: creates the draft and says where it lives."""
    return _autosave(None)


@bp.post("/interviews/<int:story_id>/autosave")
@policy.area_required(AREA)
def autosave(story_id: int) -> ResponseReturnValue:
    return _autosave(_editable(story_id))


def _autosave(story: Story | None) -> ResponseReturnValue:
    """Save the texts of the form (not the signifier answers: those are saved with the buttons).

    JSON either way; nothing is stored without an active consent."""
    form = InterviewForm()
    form.respondent_id.choices = []
    form.validate()  # only to parse the date; the service checks the rest
    if form.experienced_on.errors:
        messages = [str(m) for m in form.experienced_on.errors]
        return jsonify(status="invalid", errors=messages, message=_not_saved(messages)), 400
    framework = story.framework if story else interviews.interview_framework(db.session)
    now = utcnow()
    try:
        story = interview_drafts.autosave_interview(
            db.session,
            current_user,
            respondents.own_respondent(db.session, current_user, form.respondent_id.data),
            _text_from(form),
            framework=framework,
            story=story,
            today=user_today(current_user, now),
        )
    except interview_drafts.DraftRefused as refused:  # nothing was stored
        return jsonify(
            status=refused.reason, errors=refused.messages, message=_not_saved(refused.messages)
        ), 400
    db.session.commit()
    return jsonify(
        status="saved",
        id=story.id,
        saved_at=now.isoformat(),
        message=_("Concept bewaard om %(time)s.", time=format_time(now, "HH:mm")),
        edit_url=url_for("interviews.edit", story_id=story.id),
        autosave_url=url_for("interviews.autosave", story_id=story.id),
    )


def _not_saved(messages: list[str]) -> str:
    return _("Niet bewaard: %(reason)s", reason=" ".join(messages))
