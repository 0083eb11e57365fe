"""Entering an interview with its form: the respondent (with consent), the story in the told
language and its Dutch translation, the statushouder's own interpretation and the facilitator
note, saved as a draft or submitted.

One use case behind the form's buttons (the autosave of the texts is ``drafts``). Consent comes
before content: nothing is stored without an active consent of the verhalenbegeleider's own
respondent. A submit whose text holds identifiers the writer has not been shown is saved as a
draft, so the form can show the privacy warning first (``privacy_check``)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

from sqlalchemy.orm import Session
from werkzeug.datastructures import MultiDict

from portal.frameworks import answers
from portal.frameworks.answers import ParsedAnswers
from portal.interviews.respondents import own_respondent
from portal.interviews.service import (
    InterviewText,
    check_interview,
    interview_framework,
    save_interview,
    submit_interview,
)
from portal.models import Framework, Interpretation, Question, Story, User
from portal.stories import privacy_check
from portal.stories.service import self_interpretation


@dataclass
class EntryResult:
    """What became of one send of the interview form."""

    #: The interview as saved; when nothing was saved, the one passed in (None for a new one).
    story: Story | None
    #: The questions of the form, and the answers as given (to refill the form) and their
    #: errors, per question key.
    questions: list[Question]
    answers: ParsedAnswers
    #: Errors per form field ('respondent_id', 'title', 'translation_nl', …).
    field_errors: dict[str, object] = field(default_factory=dict)
    submitted: bool = False
    #: A submit kept as a draft because the privacy warning has not been seen yet.
    held_back: bool = False

    @property
    def saved(self) -> bool:
        return not self.field_errors and not self.answers.errors


def _framework(session: Session, story: Story | None) -> Framework:
    return story.framework if story is not None else interview_framework(session)


def entry_questions(session: Session, story: Story | None) -> list[Question]:
    """The questions the form asks: those of the interview's framework, or of the current one
    for a new interview."""
    return list(_framework(session, story).questions)


def save_entry(
    session: Session,
    author: User,
    story: Story | None,
    *,
    respondent_id: int | None,
    text: InterviewText,
    answer_form: MultiDict,
    go: str,
    seen_digest: str,
    today: date,
    now: datetime,
) -> EntryResult:
    """Save the interview form (``go`` is 'save' or 'submit') as the interview ``story`` (None:
    a new one) and its statushouder's own interpretation, all or nothing.

    ``answer_form`` holds the signifier answers as posted; ``seen_digest`` is the digest of the
    privacy findings on the page that was sent (empty when it showed none). A submit checks what
    a submit needs (the Dutch translation, the required questions); a submit with findings the
    writer has not been shown is saved as a draft instead (``held_back``)."""
    framework = _framework(session, story)
    questions = list(framework.questions)
    respondent = own_respondent(session, author, respondent_id)
    submit = go == "submit"
    # The privacy check reads the text answers too; whether it holds the submit back decides
    # what the answers are checked for, so they are parsed for it first.
    given = answers.parse_answers(questions, answer_form, require=False).values
    findings = privacy_check.story_findings(text, given)
    held_back = submit and privacy_check.unseen_findings(findings, seen_digest)
    submit = submit and not held_back
    field_errors = check_interview(text, respondent, for_submit=submit, today=today)
    if field_errors:
        # Nothing is stored; the answers are checked all the same, to show every error at once.
        parsed = answers.parse_answers(questions, answer_form, require=submit)
        return EntryResult(story, questions, parsed, field_errors, held_back=held_back)

    def saved_interpretation() -> Interpretation:
        """Called only when every answer is valid: the interview is saved with its answers."""
        nonlocal story
        story = save_interview(session, author, respondent, text, framework=framework, story=story)
        return self_interpretation(session, story, create=True)

    parsed = answers.save_interpretation(
        session, saved_interpretation, questions, answer_form, require=submit
    )
    if parsed.errors:
        return EntryResult(story, questions, parsed, held_back=held_back)
    if submit:
        submit_interview(session, story, now=now)
    return EntryResult(story, questions, parsed, submitted=submit, held_back=held_back)
