"""A verhalenbegeleider edits the coarse facts of their own respondent (DESIGN §2, §3).

``POST /respondents/<id>/facts`` from the panel on the respondent page: only the owner; the audit
event names the changed fields, never their values."""

from __future__ import annotations

import json
import re

import pytest
from sqlalchemy import select

from portal.interviews import respondents
from portal.models import AuditEvent, Respondent, Role
from tests.helpers import login, post_form

FACTS = {
    "facts-age_band": "26-35",
    "facts-household_type": "family",
    "facts-years_in_nl_band": "1-2",
    "facts-language": "ar",
}


def _facts(session, respondent_id: int) -> tuple:
    session.expire_all()
    r = session.get(Respondent, respondent_id)
    return (r.age_band, r.household_type, r.years_in_nl_band, r.language)


def _edits(session) -> list[AuditEvent]:
    session.expire_all()
    return list(session.scalars(select(AuditEvent).where(AuditEvent.action == "respondent.edit")))


def _post(client, respondent: Respondent, data: dict):
    page = f"/respondents/{respondent.id}"
    return post_form(client, f"{page}/facts", data, token_from=page)


def _selected(html: str, field: str) -> str | None:
    """The value of the selected option of the facts form's select ``field``."""
    select_html = re.search(rf'<select[^>]*name="facts-{field}".*?</select>', html, re.S)
    assert select_html, f"no select facts-{field}"
    option = re.search(r'<option selected value="([^"]*)"', select_html.group(0))
    return option.group(1) if option else None


def test_owner_edits_facts_and_the_audit_names_the_fields_not_the_values(
    client, session, vb, make_respondent
):
    respondent = make_respondent(owner=vb, age_band="18-25", language="ar")
    login(client, vb)

    response = _post(client, respondent, FACTS)

    assert response.status_code == 302
    assert response.headers["Location"] == f"/respondents/{respondent.id}"
    assert _facts(session, respondent.id) == ("26-35", "family", "1-2", "ar")
    (event,) = _edits(session)
    assert (event.actor_id, event.object_type, event.object_id) == (
        vb.id,
        "Respondent",
        respondent.id,
    )
    assert event.details == {"changed": ["age_band", "household_type", "years_in_nl_band"]}
    details = json.dumps(event.details)
    assert not any(value in details for value in ("26-35", "18-25", "family", "1-2"))
    page = client.get(f"/respondents/{respondent.id}").text
    assert f"De gegevens van respondent {respondent.code} zijn bijgewerkt." in page
    assert "gezin met kinderen" in page


def test_the_form_on_the_owners_page_is_pre_filled_with_only_coarse_facts(
    client, vb, make_respondent
):
    respondent = make_respondent(owner=vb, age_band="36-50", household_type="alone", language="ti")
    login(client, vb)

    html = client.get(f"/respondents/{respondent.id}").text

    form = re.search(r'<form[^>]*action="[^"]*/facts".*?</form>', html, re.S)
    assert form, "no facts form on the owner's page"
    names = set(re.findall(r'name="([^"]+)"', form.group(0)))
    assert names == {"csrf_token", *FACTS}  # no name, birth date, address or BSN
    assert [_selected(html, f) for f in respondents.FACT_FIELDS] == ["36-50", "alone", "", "ti"]


def test_choosing_the_blank_option_clears_a_fact(client, session, vb, make_respondent):
    respondent = make_respondent(owner=vb, age_band="18-25", language="so")
    login(client, vb)

    response = _post(client, respondent, {**FACTS, "facts-age_band": "", "facts-language": "so"})

    assert response.status_code == 302
    assert _facts(session, respondent.id) == (None, "family", "1-2", "so")
    (event,) = _edits(session)
    assert event.details == {"changed": ["age_band", "household_type", "years_in_nl_band"]}


def test_a_field_left_out_of_the_post_keeps_its_value(client, session, vb, make_respondent):
    respondent = make_respondent(owner=vb, household_type="couple", language="fa")
    login(client, vb)

    response = _post(client, respondent, {"facts-age_band": "51-65"})

    assert response.status_code == 302
    assert _facts(session, respondent.id) == ("51-65", "couple", None, "fa")
    assert [e.details for e in _edits(session)] == [{"changed": ["age_band"]}]


def test_an_unchanged_submit_writes_no_audit_event(client, session, vb, make_respondent):
    respondent = make_respondent(
        owner=vb, age_band="26-35", household_type="family", years_in_nl_band="1-2", language="ar"
    )
    login(client, vb)

    response = _post(client, respondent, FACTS)

    assert response.status_code == 302
    assert _facts(session, respondent.id) == ("26-35", "family", "1-2", "ar")
    assert _edits(session) == []
    page = client.get(f"/respondents/{respondent.id}").text
    assert "Er is niets gewijzigd." in page
    assert "zijn bijgewerkt" not in page


def test_a_value_outside_the_choices_is_refused_and_the_other_values_are_kept(
    client, session, vb, make_respondent
):
    respondent = make_respondent(owner=vb, age_band="18-25")
    login(client, vb)

    response = _post(client, respondent, {**FACTS, "facts-years_in_nl_band": "since 1990"})

    assert response.status_code == 400
    html = response.text
    assert 'class="error-summary"' in html and 'href="#facts-years_in_nl_band"' in html
    assert 'id="facts-years_in_nl_band-error"' in html
    assert re.search(r'<select[^>]*aria-invalid="true"[^>]*name="facts-years_in_nl_band"', html)
    assert [_selected(html, f) for f in ("age_band", "household_type", "language")] == [
        "26-35",
        "family",
        "ar",
    ]
    assert _facts(session, respondent.id) == ("18-25", None, None, None)
    assert _edits(session) == []


def test_an_identifying_field_in_the_service_call_is_refused(session, vb, make_respondent):
    respondent = make_respondent(owner=vb)
    with pytest.raises(TypeError, match="birth_date"):
        respondents.update_respondent_facts(session, respondent, birth_date="1990-01-01")


def test_another_verhalenbegeleider_gets_404_and_changes_nothing(
    client, session, make_user, make_respondent, vb
):
    respondent = make_respondent(owner=vb, age_band="18-25")
    login(client, make_user(Role.VERHALENBEGELEIDER, teams=[]))

    response = post_form(client, f"/respondents/{respondent.id}/facts", FACTS, token_from="/")

    assert response.status_code == 404
    assert _facts(session, respondent.id) == ("18-25", None, None, None)
    assert _edits(session) == []


@pytest.mark.parametrize("role", [Role.KLANTMANAGER, Role.COACH, Role.ONDERZOEKER, Role.BEHEERDER])
def test_other_roles_may_not_use_the_page_and_change_nothing(
    client, session, make_user, make_respondent, vb, role
):
    respondent = make_respondent(owner=vb, age_band="18-25")
    login(client, make_user(role))

    response = post_form(client, f"/respondents/{respondent.id}/facts", FACTS, token_from="/")

    assert response.status_code == 403
    assert _facts(session, respondent.id) == ("18-25", None, None, None)
    assert _edits(session) == []


def test_an_onderzoeker_sees_the_facts_but_no_form_to_edit_them(
    client, make_user, make_respondent, vb
):
    respondent = make_respondent(owner=vb, age_band="18-25")
    login(client, make_user(Role.ONDERZOEKER, teams=[]))

    html = client.get(f"/respondents/{respondent.id}").text

    assert "18-25" in html
    assert "/facts" not in html and "facts-age_band" not in html


def test_an_unknown_respondent_answers_404(client, vb):
    login(client, vb)
    assert post_form(client, "/respondents/999999/facts", FACTS, token_from="/").status_code == 404


def test_a_post_without_csrf_token_is_refused_and_changes_nothing(
    client, session, vb, make_respondent
):
    respondent = make_respondent(owner=vb, age_band="18-25")
    login(client, vb)

    response = client.post(f"/respondents/{respondent.id}/facts", data=FACTS)

    assert response.status_code == 400
    assert "Het formulier is verlopen" in response.text
    assert _facts(session, respondent.id) == ("18-25", None, None, None)
    assert _edits(session) == []
