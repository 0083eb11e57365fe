"""CSV exports: rows and columns, pseudonyms, consent, texts, neutralised formulas, audit."""

from __future__ import annotations

from sqlalchemy import select

from portal.exports import pseudonyms
from portal.models import AuditEvent, Role
from tests.exports.conftest import read_csv
from tests.helpers import login


def _reflection(make_story, make_user, answer, **kw):
    author = kw.pop("author", None) or make_user(Role.KLANTMANAGER, research_consent=True)
    story = make_story(author=author, submitted=True, **kw)
    answer(story)
    return story


def test_one_row_per_interpretation_with_a_column_per_question_component(
    research_client, make_story, make_user, answer, team
):
    story = _reflection(make_story, make_user, answer, shared_with_team=True)
    member = make_user(Role.KLANTMANAGER)
    answer(story, {"q-agency": "90", "q-agency-set": "1"}, interpreter=member)
    response = research_client.get("/export/reflection.csv")
    assert response.status_code == 200
    assert response.headers["Content-Disposition"] == 'attachment; filename="reflections.csv"'
    rows = read_csv(response.data)
    assert [r["interpretation"] for r in rows] == ["own", "member"]
    own, other = rows
    assert own["story"] == other["story"] and own["story"].startswith("S-")
    assert own["author"] == own["interpreter"] != other["interpreter"]
    assert own["team"] == team.name and own["cycle"].isdigit()
    assert (own["role_balance_a"], own["role_balance_b"], own["role_balance_c"]) == (
        "60",
        "30",
        "10",
    )
    assert own["role_balance_nvt"] == "0" and own["what_worked_nvt"] == "1"
    assert own["what_worked_a"] == ""
    assert (own["motivation"], own["agency"], own["agency_nvt"]) == ("80", "25", "0")
    assert own["life_domains_body"] == own["life_domains_social"] == "1"
    assert own["life_domains_mind"] == "0"
    assert own["feeling"] == "mixed" and own["framework_version"] == "1"
    assert (other["agency"], other["motivation"], other["life_domains_body"]) == ("90", "", "")
    assert "meaning" not in own and "text" not in own and "title" not in own


def test_pseudonyms_are_keyed_hashes_that_stay_the_same_across_exports(
    app, research_client, make_story, make_user, answer
):
    author = make_user(Role.KLANTMANAGER, research_consent=True)
    _reflection(make_story, make_user, answer, author=author)
    first = read_csv(research_client.get("/export/reflection.csv").data)
    second = read_csv(research_client.get("/export/reflection.csv").data)
    assert first == second
    expected = pseudonyms.person(b"test-pseudonym-key", author.id)
    assert first[0]["author"] == expected
    assert expected != pseudonyms.person(b"another-key", author.id)
    assert author.display_name not in research_client.get("/export/reflection.csv").text
    assert author.email not in research_client.get("/export/reflection.csv").text


def test_only_stories_usable_for_research_are_exported(
    research_client, onderzoeker, make_story, make_user, answer, make_consent
):
    consenting = _reflection(make_story, make_user, answer, title="Met toestemming")
    _reflection(make_story, make_user, answer, author=make_user(Role.KLANTMANAGER), title="Zonder")
    _reflection(make_story, make_user, answer, title="Ingetrokken", withdrawn=True)
    make_story(author=make_user(Role.KLANTMANAGER, research_consent=True), title="Concept")
    rows = read_csv(research_client.get("/export/reflection.csv?text=1").data)
    assert [r["title"] for r in rows] == [consenting.title]


def test_an_onderzoeker_who_writes_reflections_does_not_export_their_own_without_consent(
    client, make_user, make_story, answer
):
    both = make_user(Role.KLANTMANAGER, Role.ONDERZOEKER)
    _reflection(make_story, make_user, answer, author=both, shared_with_team=True)
    login(client, both)
    assert read_csv(client.get("/export/reflection.csv").data) == []


def test_withdrawn_consent_takes_an_interview_out_at_once(
    research_client, make_story, make_respondent, make_consent, answer, vb, session
):
    respondent = make_respondent(owner=vb)
    consent = make_consent(respondent, research=True)
    story = make_story("interview", author=vb, respondent=respondent, submitted=True)
    answer(story)
    rows = read_csv(research_client.get("/export/interview.csv").data)
    assert [r["respondent"] for r in rows] == [respondent.code]
    assert rows[0]["story_about_b"] == "70" and rows[0]["agency_nvt"] == "1"
    consent.withdrawn_on = consent.given_on
    session.commit()
    assert read_csv(research_client.get("/export/interview.csv").data) == []


def test_interview_text_only_where_consent_covers_quotes_and_the_note_never(
    research_client, make_story, make_respondent, make_consent, answer, vb
):
    quoted, unquoted = make_respondent(owner=vb), make_respondent(owner=vb)
    make_consent(quoted, research=True, quotes=True)
    make_consent(unquoted, research=True, quotes=False)
    for respondent in (quoted, unquoted):
        story = make_story(
            "interview",
            author=vb,
            respondent=respondent,
            submitted=True,
            body_md=f"Het verhaal van {respondent.code}",
            facilitator_note="GEHEIME NOTITIE",
        )
        answer(story)
    with_text = research_client.get("/export/interview.csv?text=1")
    rows = {r["respondent"]: r for r in read_csv(with_text.data)}
    assert rows[quoted.code]["text"] == f"Het verhaal van {quoted.code}"
    assert rows[unquoted.code]["text"] == ""
    without = read_csv(research_client.get("/export/interview.csv").data)
    assert "text" not in without[0]
    for fmt in ("csv?text=1", "xlsx?text=1", "sav?text=1"):
        assert b"GEHEIME NOTITIE" not in research_client.get(f"/export/interview.{fmt}").data


def test_every_formula_prefix_is_neutralised_in_csv(research_client, make_story, make_user, answer):
    prefixes = ["=", "+", "-", "@", "\t", "\r"]
    for prefix in prefixes:
        _reflection(make_story, make_user, answer, title=f"{prefix}HYPERLINK(1)")
    rows = read_csv(research_client.get("/export/reflection.csv?text=1").data)
    assert sorted(r["title"] for r in rows) == sorted(f"'{p}HYPERLINK(1)" for p in prefixes)


def test_the_dutch_excel_variant_has_a_bom_semicolons_and_the_same_rows(
    research_client, make_story, make_user, answer
):
    _reflection(make_story, make_user, answer, title="Eén; twee")
    plain = research_client.get("/export/reflection.csv?text=1")
    dutch = research_client.get("/export/reflection.csv?text=1&dialect=excel-nl")
    assert dutch.data.startswith("\ufeff".encode())
    assert dutch.data.split(b"\r\n")[0].count(b";") == plain.data.split(b"\r\n")[0].count(b",")
    assert 'filename="reflections-excel-nl.csv"' in dutch.headers["Content-Disposition"]
    assert read_csv(dutch.data, ";") == read_csv(plain.data)
    assert research_client.get("/export/reflection.csv?dialect=nonsense").status_code == 400
    assert research_client.get("/export/reflection.xlsx?dialect=excel-nl").status_code == 400


def test_every_export_writes_one_audit_event(
    research_client, onderzoeker, session, make_story, make_user, answer
):
    story = _reflection(make_story, make_user, answer)
    research_client.get(f"/export/reflection.csv?text=1&team={story.team_id}")
    research_client.get("/export/interview.sav")
    events = session.scalars(
        select(AuditEvent).where(AuditEvent.action == "export").order_by(AuditEvent.id)
    ).all()
    assert [
        (e.actor_id, e.details["kind"], e.details["format"], e.details["rows"]) for e in events
    ] == [
        (onderzoeker.id, "reflection", "csv", 1),
        (onderzoeker.id, "interview", "sav", 0),
    ]
    assert events[0].details["text"] is True and events[0].details["filters"] == {
        "team": [str(story.team_id)]
    }


def test_without_a_pseudonym_key_exports_refuse_with_a_clear_message(app, research_client):
    key = app.config.pop("PSEUDONYM_KEY")
    try:
        response = research_client.get("/export/reflection.csv")
        page = research_client.get("/export")
    finally:
        app.config["PSEUDONYM_KEY"] = key
    assert response.status_code == 503 and "PSEUDONYM_KEY" in response.text
    assert "PSEUDONYM_KEY" in page.text


def test_the_export_page_leads_to_every_file(research_client):
    page = research_client.get("/export?text=1")
    for href in (
        "/export/reflection.csv?text=1",
        "/export/interview.sav?text=1",
        "/export/reflection.csv?dialect=excel-nl&amp;text=1",
        "/export/codebook",
        "/export/datapackage.json",
        "/import",
    ):
        assert href in page.text, href
    chosen = research_client.get("/export/file?kind=interview&format=excel-nl&text=1&team=3")
    assert chosen.status_code == 302
    assert chosen.headers["Location"] == "/export/interview.csv?team=3&dialect=excel-nl&text=1"


def test_the_shared_story_filter_narrows_the_export_like_the_analysis(
    research_client, make_story, make_user, make_team, answer, session
):
    other_team = make_team("Team Zuid")
    here = _reflection(make_story, make_user, answer, title="Hier")
    elsewhere = make_user(Role.KLANTMANAGER, research_consent=True, teams=[other_team])
    _reflection(make_story, make_user, answer, author=elsewhere, title="Daar")
    positive = _reflection(make_story, make_user, answer, title="Positief")
    answer(positive, {"q-feeling": "positive"})

    def titles(query: str) -> list[str]:
        return sorted(
            r["title"]
            for r in read_csv(research_client.get(f"/export/reflection.csv?text=1&{query}").data)
        )

    assert titles(f"team={here.team_id}") == ["Hier", "Positief"]
    assert titles(f"team={other_team.id}") == ["Daar"]
    assert titles("c.feeling=positive") == ["Positief"]
    assert titles("teller=statushouder") == []
    refused = research_client.get("/export/reflection.csv?cycle_from=abc")
    assert refused.status_code == 400 and "Dit filter klopt niet" in refused.text
    page = research_client.get(f"/export?team={other_team.id}&c.feeling=positive")
    assert f"/export/reflection.sav?team={other_team.id}" in page.text
    assert "c.feeling=positive" in page.text


def test_an_export_sends_the_same_number_of_queries_for_few_and_many_stories(
    app, research_client, make_story, make_user, answer
):
    from tests.helpers import count_queries

    authors = [make_user(Role.KLANTMANAGER, research_consent=True) for _ in range(3)]

    def queries() -> int:
        with count_queries(app.extensions["db_engine"]) as counter:
            assert research_client.get("/export/reflection.csv?text=1").status_code == 200
        return counter.count

    for n in range(3):
        answer(make_story(author=authors[n], submitted=True))
    few = queries()
    for n in range(27):
        answer(make_story(author=authors[n % 3], submitted=True))
    assert queries() == few  # one chunk of stories: three queries, whatever its size
