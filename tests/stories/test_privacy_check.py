"""The privacy check of a story (story texts per field and text answers), without HTTP."""

from __future__ import annotations

from dataclasses import dataclass

from werkzeug.datastructures import MultiDict

from portal.frameworks import answers
from portal.frameworks.answers import FormAnswer
from portal.stories import privacy_check
from portal.stories import service as stories


@dataclass
class _Text:
    title: str
    body_md: str


def _found(findings) -> list[tuple[str, str, str, int]]:
    return [(f.field, f.kind, f.text, f.line) for f in findings]


def test_findings_name_their_field_and_count_lines_within_it():
    text = _Text(title="Bellen met 06-12345678", body_md="Eerste regel.\nMail a@voorbeeld.nl")
    assert _found(privacy_check.story_findings(text, {})) == [
        ("title", "phone", "06-12345678", 1),
        ("body_md", "email", "a@voorbeeld.nl", 2),
    ]


def test_text_answers_are_checked_under_their_question():
    values = {
        "meaning": FormAnswer(text="Zijn BSN is 111222333.", answered=True),
        "agency": FormAnswer(value=61, answered=True),
    }
    found = privacy_check.story_findings(_Text("", ""), values)
    assert _found(found) == [("q-meaning", "bsn", "111222333", 1)]
    assert privacy_check.answer_field("meaning") == "q-meaning"


def test_a_saved_reflection_is_checked_with_its_stored_answers(session, make_story):
    made = make_story(submitted=False, title="Gesprek", body_md="Woont aan de Kerkweg 7.")
    story = stories.get_story(session, made.id)
    answers.save_interpretation(
        session,
        lambda: stories.self_interpretation(session, story, create=True),
        story.framework.questions,
        MultiDict({"q-meaning": "Later belde ze: 06-12345678"}),
        require=False,
    )
    stored = stories.own_answers(session, story)
    assert _found(privacy_check.saved_story_findings(story, stored)) == [
        ("body_md", "address", "Kerkweg 7", 1),
        ("q-meaning", "phone", "06-12345678", 1),
    ]


def test_a_clean_story_has_no_findings_and_nothing_unseen():
    findings = privacy_check.story_findings(_Text("Werk", "Ze vond werk in 2023."), {})
    assert findings == []
    assert not privacy_check.unseen_findings(findings, "")


def test_findings_are_unseen_until_their_digest_comes_back():
    first = privacy_check.story_findings(_Text("", "Mail a@voorbeeld.nl"), {})
    digest = privacy_check.findings_digest(first)
    assert privacy_check.unseen_findings(first, "")
    assert not privacy_check.unseen_findings(first, digest)
    more = privacy_check.story_findings(_Text("", "Mail a@voorbeeld.nl, bel 06-12345678"), {})
    assert privacy_check.unseen_findings(more, digest)
