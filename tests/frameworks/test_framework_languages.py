"""The interview framework in the languages of the telling (issue 16): the beheerder translates
question texts, poles and options; missing ones fall back to Dutch and are listed; the interview's
interpretation step shows them beside the Dutch with lang and dir."""

from __future__ import annotations

import pytest
from sqlalchemy import update

from portal.frameworks import editing, translations
from portal.frameworks.versions import current_framework
from portal.models import Framework, Role, StoryKind
from tests.helpers import csrf_token, login


@pytest.fixture(autouse=True)
def _no_chosen_version(app):
    yield
    with app.extensions["db_sessionmaker"]() as s:
        s.execute(update(Framework).values(is_active=False))
        s.commit()


def _translate(client, framework, lang: str, text: str, first_option_label: str) -> None:
    q = framework.questions[0]
    url = f"/admin/frameworks/{framework.id}/languages/{lang}"
    data = {f"t-{q.id}": text, f"o-{q.id}-{q.options[0]['key']}": first_option_label}
    response = client.post(url, data={**data, "csrf_token": csrf_token(client.get(url))})
    assert response.status_code == 302


def test_beheerder_translates_and_sees_what_is_missing(client, session, beheerder):
    login(client, beheerder)
    fw = current_framework(session, StoryKind.INTERVIEW)
    listing = client.get(f"/admin/frameworks/{fw.id}/languages")
    assert "nog niet vertaald" in listing.text
    _translate(client, fw, "ar", "هذه القصة تدور أساسا حول…", "تعلم اللغة")
    page = client.get(f"/admin/frameworks/{fw.id}/languages/ar")
    assert 'lang="ar" dir="rtl"' in page.text and "هذه القصة" in page.text
    assert "ontbreekt" in page.text  # the other questions are missing
    ti = client.get(f"/admin/frameworks/{fw.id}/languages/ti")
    assert 'lang="ti" dir="ltr"' in ti.text  # Ge'ez script runs left to right
    assert client.get(f"/admin/frameworks/{fw.id}/languages/xx").status_code == 404
    session.expire_all()
    found = translations.for_framework(session, fw, "ar")
    first = fw.questions[0]
    shown = translations.shown(first, found.get(first.id))
    assert shown.text.startswith("هذه") and shown.options[first.options[0]["key"]] == "تعلم اللغة"
    assert first.options[1]["key"] in shown.missing  # falls back to Dutch
    assert shown.options[first.options[1]["key"]] == first.options[1]["nl"]


def test_the_interview_step_shows_the_language_of_the_telling(
    client, session, beheerder, make_user, make_story, make_consent
):
    fw = current_framework(session, StoryKind.INTERVIEW)
    login(client, beheerder)
    _translate(client, fw, "ar", "هذه القصة تدور أساسا حول…", "تعلم اللغة")
    client.post("/logout", data={"csrf_token": csrf_token(client.get("/"))})
    vb = make_user(Role.VERHALENBEGELEIDER)
    story = make_story(StoryKind.INTERVIEW, author=vb, language="ar")
    make_consent(story.respondent)
    login(client, vb)
    page = client.get(f"/interviews/{story.id}/edit")
    assert page.status_code == 200
    assert 'class="telling" lang="ar" dir="rtl"' in page.text
    assert "هذه القصة" in page.text and fw.questions[0].text_nl in page.text  # beside the Dutch
    assert 'lang="nl" dir="ltr"' in page.text  # a missing label falls back to Dutch, marked so


def test_translations_carry_over_to_a_new_version_and_survive_saving_it(client, session, beheerder):
    login(client, beheerder)
    fw = current_framework(session, StoryKind.INTERVIEW)
    _translate(client, fw, "so", "Sheekadan waxay ku saabsan tahay…", "barashada luqadda")
    draft = editing.new_draft(session, editing.load(session, fw.id), now=fw.published_at)
    session.commit()
    specs = [editing.spec_of(q) for q in draft.questions]
    editing.save_draft(session, draft, name_nl=draft.name_nl, name_en=draft.name_en, specs=specs)
    session.commit()
    found = translations.for_framework(session, editing.load(session, draft.id), "so")
    assert any(row.text.startswith("Sheekadan") for row in found.values())
