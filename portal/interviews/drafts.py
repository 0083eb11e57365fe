"""Saving an interview draft while the verhalenbegeleider types (autosave).

The consent gate of ``portal.interviews`` holds here too: without an active consent of the
verhalenbegeleider's own respondent nothing is stored. Only drafts are saved automatically; a
submitted interview changes only when its form is sent."""

from __future__ import annotations

from datetime import date

from flask_babel import lazy_gettext as _l
from sqlalchemy.orm import Session

from portal.interviews.service import InterviewError, InterviewText, check_interview, save_interview
from portal.models import Framework, Respondent, Story, StoryStatus, User


class DraftRefused(InterviewError):
    """Nothing was saved. ``reason`` is 'no_consent', 'invalid' or 'not_draft'; ``messages``
    are fit to show."""

    def __init__(self, reason: str, messages: list[object]) -> None:
        super().__init__(" ".join(str(m) for m in messages))
        self.reason = reason
        self.messages = [str(m) for m in messages]


def autosave_interview(
    session: Session,
    author: User,
    respondent: Respondent | None,
    text: InterviewText,
    *,
    framework: Framework,
    story: Story | None,
    today: date,
) -> Story:
    """Create the draft on the first call (``story`` None), update it on later ones.

    ``respondent`` is None when none (of the author's own) was chosen. Refuses, storing nothing,
    when the respondent has no active consent, when a text is invalid (too long, a date in the
    future) or when the interview is no longer a draft."""
    if story is not None and story.status is not StoryStatus.DRAFT:
        raise DraftRefused(
            "not_draft",
            [_l("Dit gesprek is al ingediend; wijzigingen bewaar je met de knop onderaan.")],
        )
    errors = check_interview(text, respondent, for_submit=False, today=today)
    consent_error = errors.pop("respondent_id", None)
    if consent_error is not None or respondent is None:
        raise DraftRefused("no_consent", [consent_error or _l("Kies eerst een respondent.")])
    if errors:
        raise DraftRefused("invalid", list(errors.values()))
    try:
        return save_interview(session, author, respondent, text, framework=framework, story=story)
    except InterviewError as error:  # someone else's respondent: the same gate
        raise DraftRefused("no_consent", [str(error)]) from error
