"""The writing flow: write → interpret → reflect → check → submit, saving a draft at every step."""

from __future__ import annotations

from flask import abort, flash, jsonify, redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _
from flask_login import current_user

from portal import policy
from portal.core.extensions import db
from portal.core.i18n import current_locale
from portal.core.markdown import render_markdown
from portal.cycles.schedule import user_today
from portal.frameworks import answers
from portal.models import Cycle, Question, QuestionType, Story, utcnow
from portal.stories import privacy_check
from portal.stories import service as stories
from portal.views.rescue import rescuable
from portal.views.stories.blueprint import bp, load_story
from portal.views.stories.forms import ReflectForm, StepForm, WriteForm

REFLECT_TYPES = {QuestionType.TEXT}


def _editable(story_id: int) -> Story:
    story = load_story(story_id)
    if not policy.can(current_user, "edit", story):
        abort(404)
    return story


def _text_from(form: WriteForm) -> stories.StoryText:
    return stories.StoryText(
        title=stories.clean_text(form.title.data).strip(),
        body_md=stories.clean_text(form.body_md.data),
        experienced_on=form.experienced_on.data,
    )


def _apply_errors(form: WriteForm, errors: dict) -> None:
    for name, message in errors.items():
        getattr(form, name).errors = [*getattr(form, name).errors, str(message)]


def _next_step(story: Story, go: str, *, back: str | None, forward: str) -> ResponseReturnValue:
    if go == "back" and back:
        return redirect(url_for(back, story_id=story.id))
    if go == "next":
        return redirect(url_for(forward, story_id=story.id))
    flash(_("Concept bewaard."), "success")
    here = "stories.write" if request.endpoint == "stories.new" else request.endpoint
    return redirect(url_for(here, story_id=story.id))


def _write_page(
    form: WriteForm, story: Story | None, cycle: Cycle | None, status: int = 200
) -> ResponseReturnValue:
    return (
        render_template("stories/write.html", form=form, story=story, cycle=cycle, step="write"),
        status,
    )


@bp.route("/new", methods=["GET", "POST"])
@policy.area_required(policy.Area.REFLECTIONS)
@rescuable
def new() -> ResponseReturnValue:
    cycle_id = request.args.get("cycle", type=int)
    cycle = stories.writing_cycle(db.session, current_user, now=utcnow(), cycle_id=cycle_id)
    form = WriteForm()
    if not form.validate_on_submit():
        return _write_page(form, None, cycle, 400 if form.errors else 200)
    text = _text_from(form)
    today = user_today(current_user, utcnow())
    errors = stories.check_text(text, for_submit=False, today=today, new=True)
    if errors:
        _apply_errors(form, errors)
        return _write_page(form, None, cycle, 400)
    cycle = stories.writing_cycle(
        db.session, current_user, now=utcnow(), cycle_id=cycle_id, store=True
    )
    framework = stories.framework_for(db.session, stories.StoryKind.REFLECTION)
    story = stories.create_draft(db.session, current_user, text, cycle=cycle, framework=framework)
    db.session.commit()
    return _next_step(story, request.form.get("go", "save"), back=None, forward="stories.interpret")


@bp.route("/<int:story_id>/write", methods=["GET", "POST"])
@policy.area_required(policy.Area.REFLECTIONS)
@rescuable
def write(story_id: int) -> ResponseReturnValue:
    story = _editable(story_id)
    form = WriteForm(obj=story)
    if not form.validate_on_submit():
        return _write_page(form, story, story.cycle, 400 if form.errors else 200)
    text = _text_from(form)
    errors = stories.check_text(text, for_submit=False, today=user_today(current_user, utcnow()))
    if errors:
        _apply_errors(form, errors)
        return _write_page(form, story, story.cycle, 400)
    stories.update_text(db.session, story, text)
    db.session.commit()
    return _next_step(story, request.form.get("go", "save"), back=None, forward="stories.interpret")


def _questions(story: Story, *, reflect: bool) -> list[Question]:
    return [q for q in story.framework.questions if (q.type in REFLECT_TYPES) == reflect]


def _answer_step(story_id: int, *, reflect: bool) -> ResponseReturnValue:
    story = _editable(story_id)
    questions = _questions(story, reflect=reflect)
    stored = stories.own_answers(db.session, story)
    form, reflect_form = StepForm(), ReflectForm(shared="yes" if story.shared_with_team else "no")
    values, errors = answers.values_from_answers(questions, stored), {}
    if form.validate_on_submit() and (not reflect or reflect_form.validate()):
        parsed = answers.save_interpretation(
            db.session,
            lambda: stories.self_interpretation(db.session, story, create=True),
            questions,
            request.form,
            require=False,
        )
        values, errors = parsed.values, parsed.errors
        if not errors:
            if reflect:
                stories.set_shared_with_team(
                    db.session, story, shared=reflect_form.shared.data == "yes"
                )
            db.session.commit()
            back, forward = (
                ("stories.interpret", "stories.check")
                if reflect
                else ("stories.write", "stories.reflect")
            )
            return _next_step(story, request.form.get("go", "save"), back=back, forward=forward)
    template = "stories/reflect.html" if reflect else "stories/interpret.html"
    return render_template(
        template,
        story=story,
        questions=questions,
        values=values,
        errors=errors,
        form=form,
        reflect_form=reflect_form,
        locale=current_locale(),
        step="reflect" if reflect else "interpret",
    ), (400 if errors else 200)


@bp.route("/<int:story_id>/interpret", methods=["GET", "POST"])
@policy.area_required(policy.Area.REFLECTIONS)
@rescuable
def interpret(story_id: int) -> ResponseReturnValue:
    return _answer_step(story_id, reflect=False)


@bp.route("/<int:story_id>/reflect", methods=["GET", "POST"])
@policy.area_required(policy.Area.REFLECTIONS)
@rescuable
def reflect(story_id: int) -> ResponseReturnValue:
    return _answer_step(story_id, reflect=True)


def _question_url(story: Story, question: Question) -> str:
    """Where the writer answers ``question``: its step, scrolled to it."""
    step = "stories.reflect" if question.type in REFLECT_TYPES else "stories.interpret"
    return url_for(step, story_id=story.id, _anchor=f"q-{question.key}")


def _problems(story: Story, refused: stories.SubmitRefused) -> list[tuple[str, str | None]]:
    """Each problem with a link to where it is put right."""
    locale = current_locale()
    text = [
        (str(message), url_for("stories.write", story_id=story.id, _anchor=field))
        for field, message in refused.text_errors.items()
    ]
    questions = [
        (_("Beantwoord nog: %(question)s", question=q.text(locale)), _question_url(story, q))
        for q in refused.missing
    ]
    return text + questions


def _check_page(
    story: Story, problems: list[tuple[str, str | None]], status: int = 200
) -> ResponseReturnValue:
    stored = stories.own_answers(db.session, story)
    form = WriteForm(formdata=None)
    labels = {"title": form.title.label.text, "body_md": form.body_md.label.text}
    return render_template(
        "stories/check.html",
        places=privacy_check.places(labels, story.framework.questions, current_locale()),
        story=story,
        summary=answers.summarise(story.framework.questions, stored, current_locale()),
        findings=privacy_check.saved_story_findings(story, stored),
        problems=problems,
        form=StepForm(),
        step="check",
    ), status


@bp.get("/<int:story_id>/check")
@policy.area_required(policy.Area.REFLECTIONS)
def check(story_id: int) -> ResponseReturnValue:
    return _check_page(_editable(story_id), [])


@bp.post("/<int:story_id>/submit")
@policy.area_required(policy.Area.REFLECTIONS)
def submit(story_id: int) -> ResponseReturnValue:
    story = _editable(story_id)
    try:
        now = utcnow()
        stories.submit(db.session, story, now=now, today=user_today(current_user, now))
    except stories.SubmitRefused as refused:
        return _check_page(story, _problems(story, refused), 400)
    except stories.StoryError as error:
        return _check_page(story, [(str(error), None)], 400)
    db.session.commit()
    return redirect(url_for("stories.done", story_id=story.id))


@bp.get("/<int:story_id>/done")
@policy.area_required(policy.Area.REFLECTIONS)
def done(story_id: int) -> ResponseReturnValue:
    story = _editable(story_id)
    if story.is_draft:
        return redirect(url_for("stories.check", story_id=story.id))
    earlier = stories.my_stories(db.session, current_user, page=1, per_page=10)
    return render_template("stories/done.html", story=story, earlier=earlier)


@bp.post("/autosave")
@policy.area_required(policy.Area.REFLECTIONS)
def autosave_new() -> ResponseReturnValue:
    """The first automatic save of a new story: creates the draft and says where it lives."""
    return _autosave(None)


@bp.post("/<int:story_id>/autosave")
@policy.area_required(policy.Area.REFLECTIONS)
def autosave(story_id: int) -> ResponseReturnValue:
    return _autosave(_editable(story_id))


def _autosave(story: Story | None) -> ResponseReturnValue:
    form = WriteForm()
    form.validate()
    text = _text_from(form)
    today = user_today(current_user, utcnow())
    errors = stories.check_text(text, for_submit=False, today=today, new=story is None)
    if errors or form.experienced_on.errors:
        messages = [str(m) for m in errors.values()] + [str(m) for m in form.experienced_on.errors]
        return jsonify(status="invalid", errors=messages), 400
    if story is None:
        cycle = stories.writing_cycle(
            db.session,
            current_user,
            now=utcnow(),
            cycle_id=request.form.get("cycle", type=int),
            store=True,
        )
        framework = stories.framework_for(db.session, stories.StoryKind.REFLECTION)
        story = stories.create_draft(
            db.session, current_user, text, cycle=cycle, framework=framework
        )
    else:
        stories.update_text(db.session, story, text)
    db.session.commit()
    return jsonify(
        status="saved",
        id=story.id,
        saved_at=utcnow().isoformat(),
        write_url=url_for("stories.write", story_id=story.id),
        autosave_url=url_for("stories.autosave", story_id=story.id),
    )


@bp.post("/preview")
@policy.area_required(policy.Area.REFLECTIONS)
def preview() -> ResponseReturnValue:
    text = stories.clean_text(request.form.get("body_md"))[: stories.MAX_BODY]
    return jsonify(html=str(render_markdown(text)))
