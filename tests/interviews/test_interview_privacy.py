"""The privacy lint on interviews: a warning that holds back the first submit, never a refusal."""

from __future__ import annotations

import re

from sqlalchemy import select

from portal.interviews import service as interviews
from portal.models import Story, StoryStatus
from portal.stories import privacy_check
from tests.helpers import login, post_form
from tests.interviews.test_interviews import _entry


def test_identifiers_hold_back_the_submit_once_then_it_goes_through(client, session, vb, consented):
    login(client, vb)
    translation = "Ze belde me op 06-12345678; haar BSN is 111222333."
    first = post_form(
        client, "/interviews/new", _entry(consented.id, translation_nl=translation, go="submit")
    )
    assert first.status_code == 302  # kept as a draft, nothing lost
    session.expire_all()
    story = session.scalar(select(Story))
    assert story.status is StoryStatus.DRAFT and story.translation_nl == translation
    page = client.get(first.headers["Location"])
    assert "Nog niet ingediend" in page.text and "Let op" in page.text
    assert "<code>06-12345678</code>" in page.text and "<code>111222333</code>" in page.text
    assert "Nederlandse vertaling" in page.text  # where it was found
    seen = re.search(r'name="privacy_seen" value="(\w+)"', page.text).group(1)
    url = f"/interviews/{story.id}/edit"
    data = _entry(consented.id, translation_nl=translation, go="submit", privacy_seen=seen)
    assert post_form(client, url, data).status_code == 302
    session.expire_all()
    assert session.get(Story, story.id).status is StoryStatus.SUBMITTED


def test_a_new_identifier_after_the_warning_brings_it_back(client, session, vb, consented):
    login(client, vb)
    first = _entry(consented.id, translation_nl="Mail: a@voorbeeld.nl", go="submit")
    page = client.get(post_form(client, "/interviews/new", first).headers["Location"])
    seen = re.search(r'name="privacy_seen" value="(\w+)"', page.text).group(1)
    story = session.scalar(select(Story))
    more = "Mail: a@voorbeeld.nl, bel 06-12345678"
    data = _entry(consented.id, translation_nl=more, go="submit", privacy_seen=seen)
    post_form(client, f"/interviews/{story.id}/edit", data)
    session.expire_all()
    assert session.get(Story, story.id).status is StoryStatus.DRAFT


def test_privacy_findings_name_the_field(vb):
    text = interviews.InterviewText(
        title="Gesprek",
        body_md="اتصل بي على 06-12345678",
        language="ar",
        translation_nl="Bel me op 06-12345678",
        translated_by="tolk",
        facilitator_note="",
        experienced_on=None,
    )
    found = privacy_check.story_findings(text, {})
    assert [(f.field, f.kind) for f in found] == [("body_md", "phone"), ("translation_nl", "phone")]
    assert privacy_check.findings_digest(found) != privacy_check.findings_digest(found[:1])
