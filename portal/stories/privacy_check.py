"""The privacy check of a story before it is submitted (DESIGN §9, "Privacy helpers"): what
identifies a person (``privacy_lint.find_identifiers``) in the story's text fields and in the text
answers of its interpretation, each finding with the field it stands in.

One check for both flows: the reflection check page shows the findings of the saved story; the
interview form shows those of the text on the page and holds back a first submit until the writer
has seen them (``unseen_findings``). A warning, never a refusal."""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Protocol

from portal.frameworks.answers import FormAnswer, values_from_answers
from portal.models import Answer, Question, Story
from portal.stories.privacy_lint import Kind, find_identifiers

#: The text fields of a story the check reads, in the order of the forms (a reflection has only
#: the first two; the others belong to an interview).
STORY_FIELDS = ("title", "body_md", "translation_nl", "translated_by", "facilitator_note")


class StoryTexts(Protocol):
    """The texts of a story: a saved ``Story``, or the text of a form before it is saved. Fields
    of ``STORY_FIELDS`` it does not have are read as empty."""

    @property
    def title(self) -> str: ...

    @property
    def body_md(self) -> str: ...


@dataclass(frozen=True)
class FieldFinding:
    """A privacy-lint finding and the field it stands in: a name of ``STORY_FIELDS``, or
    ``answer_field(key)`` for the text answer to the question ``key``. ``line`` counts from the
    first line of that field."""

    field: str
    kind: Kind
    text: str
    line: int


def answer_field(key: str) -> str:
    """The field name of the text answer to question ``key`` (its name in the form)."""
    return f"q-{key}"


def places(labels: Mapping[str, object], questions: list[Question], locale: str) -> dict[str, str]:
    """What the warning calls each field a finding can stand in: the form's label of a text
    field, the question of a text answer (so it never says just "regel 1")."""
    named = {name: str(label) for name, label in labels.items()}
    return named | {answer_field(q.key): q.text(locale) for q in questions}


def story_findings(story: StoryTexts, answers: Mapping[str, FormAnswer]) -> list[FieldFinding]:
    """What identifies a person in the story's text fields and in its text answers (``answers``
    per question key, as parsed from a form or made from stored answers), field by field."""
    texts = [(name, getattr(story, name, None) or "") for name in STORY_FIELDS]
    texts += [(answer_field(key), answer.text) for key, answer in answers.items() if answer.text]
    return [
        FieldFinding(name, found.kind, found.text, found.line)
        for name, text in texts
        for found in find_identifiers(text)
    ]


def saved_story_findings(story: Story, stored: list[Answer]) -> list[FieldFinding]:
    """``story_findings`` of a saved story and its stored answers (``story.framework.questions``
    loaded, as ``stories.get_story`` does)."""
    return story_findings(story, values_from_answers(story.framework.questions, stored))


def findings_digest(findings: list[FieldFinding]) -> str:
    """A short fingerprint of the findings the writer has seen: submitting with the same findings
    goes through; a new one brings the warning back."""
    seen = "\n".join(f"{f.field}:{f.kind}:{f.text}" for f in findings)
    return hashlib.sha256(seen.encode()).hexdigest()[:16]


def unseen_findings(findings: list[FieldFinding], seen_digest: str) -> bool:
    """True when there are findings the writer has not been shown yet (``seen_digest`` is the
    digest of the findings on the page they sent, empty when there were none)."""
    return bool(findings) and seen_digest != findings_digest(findings)
