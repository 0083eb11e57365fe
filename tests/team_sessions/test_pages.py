"""The session pages over HTTP: hidden until the reveal, the state endpoint and its ETag, the
refused form that keeps its text, closing, notices and carried-over actions."""

from __future__ import annotations

import re
from datetime import date

from portal.models import Anonymity, Notice
from portal.team_sessions import record, service
from tests.fixtures.team_sessions import answer_form
from tests.helpers import count_queries, csrf_token, login


def _post(client, url, data, page):
    return client.post(url, data={**data, "csrf_token": csrf_token(client.get(page))})


def _interpret_url(running):
    item = running.items()[0]
    return f"/sessions/{running.team_session.id}/stories/{item.id}/interpret"


def _values(tree):
    """Every scalar in a JSON tree: an answer value would show up here, a timestamp's digits not."""
    if isinstance(tree, dict):
        return [v for value in tree.values() for v in _values(value)]
    if isinstance(tree, list):
        return [v for value in tree for v in _values(value)]
    return [tree]


def test_nothing_of_another_participant_is_shown_before_the_reveal(app, client, running):
    running.to_phase("posities")
    running.interpret(running.members[0], answer_form(motivation=87, duiding="GEHEIM-EEN"))
    page = f"/sessions/{running.team_session.id}"

    login(client, running.members[1])
    html = client.get(page).text
    state = client.get(f"{page}/state").json
    assert "GEHEIM-EEN" not in html and "GEHEIM-EEN" not in str(state)
    assert 87 not in _values(state) and 'value="87"' not in html
    assert running.members[0].display_name not in html  # not even who answered
    assert "1 van 3 beantwoord" in html

    client.post("/logout", data={"csrf_token": csrf_token(client.get("/"))})
    login(client, running.coach)
    html = client.get(page).text
    assert "GEHEIM-EEN" not in html and running.members[0].display_name in html  # who, not what

    service.reveal(running.session, running.reload(), running.items()[0])
    running.session.commit()
    client.post("/logout", data={"csrf_token": csrf_token(client.get("/"))})
    login(client, running.members[1])
    html = client.get(page).text
    assert "GEHEIM-EEN" in html and "compare__author" in html


def test_the_state_answers_304_until_something_changes(client, running):
    login(client, running.members[0])
    url = f"/sessions/{running.team_session.id}/state"
    first = client.get(url)
    assert first.status_code == 200 and first.json["phase_key"] == "inbreng"
    etag = first.headers["ETag"]
    assert client.get(url, headers={"If-None-Match": etag}).status_code == 304
    running.to_phase("vragen")
    moved = client.get(url, headers={"If-None-Match": etag})
    assert moved.status_code == 200 and moved.json["phase_key"] == "vragen"
    assert "answered_by" not in str(moved.json)  # the coach's view only


def test_a_refused_interpretation_comes_back_with_its_text(client, running):
    login(client, running.members[0])
    page = f"/sessions/{running.team_session.id}"
    form = dict(answer_form(duiding="Mijn lange duiding die niet verloren mag gaan"))
    response = _post(client, _interpret_url(running), form, page)  # phase inbreng: refused
    assert response.status_code == 409
    running.to_phase("posities")
    bad = {**form, "q-role_balance-a": "70"}
    response = _post(client, _interpret_url(running), bad, page)
    assert response.status_code == 400
    assert "Mijn lange duiding die niet verloren mag gaan" in response.text
    assert "samen 100" in response.text


def test_closing_freezes_the_record_and_tells_the_author(client, running):
    ts = running.reload()
    record.add_action(
        running.session, ts, text="Bel de taalschool", owner_id=running.vb.id, due_on=None
    )
    running.session.commit()
    login(client, running.coach)
    page = f"/sessions/{ts.id}"
    assert _post(client, f"{page}/close", {}, page).status_code == 302
    assert _post(client, f"{page}/record", {"insights": "te laat"}, page).status_code == 403
    notices = running.session.query(Notice).all()
    assert [(n.user_id, n.story_id) for n in notices] == [(running.author.id, running.story.id)]
    client.post("/logout", data={"csrf_token": csrf_token(client.get("/"))})
    login(client, running.author)
    assert "is besproken in een teamsessie" in client.get("/").text


def test_open_actions_carry_over_to_the_teams_next_session(session, running, team):
    ts = running.reload()
    done = record.add_action(session, ts, text="Klaar", owner_id=None, due_on=None)
    record.add_action(session, ts, text="Nog open", owner_id=None, due_on=date(2026, 12, 14))
    record.set_action_done(session, ts, done.id, done=True, now=ts.opened_at)
    session.commit()
    nxt = service.create(
        session,
        running.coach,
        service.NewSession(team.id, "Volgende", date(2026, 12, 14), "incident", Anonymity.NAMED),
    )
    session.commit()
    carried = record.carried_actions(session, nxt)
    assert [a.text for a in carried] == ["Nog open"]
    record.set_action_done(session, nxt, carried[0].id, done=True, now=ts.opened_at)
    session.commit()
    assert record.carried_actions(session, nxt) == []


def test_names_follow_the_anonymity_setting(client, make_running):
    running = make_running(anonymity=Anonymity.COACH_ONLY)
    running.to_phase("posities")
    running.interpret(running.members[0], answer_form(duiding="Zie ik anders"))
    service.reveal(running.session, running.reload(), running.items()[0])
    running.session.commit()
    page = f"/sessions/{running.team_session.id}"
    login(client, running.members[1])
    html = client.get(page).text
    assert "Zie ik anders" in html and running.members[0].display_name not in html
    assert re.search(r"Deelnemer \d", html)


def _page_statements(app, client, make_running, n):
    running = make_running(n)
    running.to_phase("posities")
    for user in running.members:
        running.interpret(user, answer_form())
    service.reveal(running.session, running.reload(), running.items()[0])
    running.session.commit()
    login(client, running.coach)
    url = f"/sessions/{running.team_session.id}"
    counts = []
    for path in (url, f"{url}/state"):
        with count_queries(app.extensions["db_engine"]) as counter:
            assert client.get(path).status_code == 200
        counts.append(counter.count)
    client.post("/logout", data={"csrf_token": csrf_token(client.get("/"))})
    return counts


def test_page_and_state_statements_are_the_same_for_3_and_30_participants(
    app, client, make_running
):
    assert _page_statements(app, client, make_running, 3) == _page_statements(
        app, client, make_running, 30
    )


def test_reading_an_interview_in_a_session_is_audited(client, running, vb, consented, make_story):
    from portal.models import AuditEvent

    interview = make_story(
        "interview", author=vb, respondent=consented, submitted=True, translation_nl="Vertaald"
    )
    ts = running.reload()
    item = service.add_story(
        running.session, running.coach, ts, service.load_story(running.session, interview.id), ""
    )
    service.set_current_story(running.session, ts, item)
    running.session.commit()
    login(client, running.members[0])
    html = client.get(f"/sessions/{ts.id}").text
    assert consented.code in html and "Vertaald" in html
    events = running.session.query(AuditEvent).filter_by(action="interview.read_in_session").all()
    assert [(e.actor_id, e.object_id) for e in events] == [(running.members[0].id, interview.id)]


def test_the_coach_records_the_groups_interpretation_after_the_reveal(client, running):
    running.to_phase("posities")
    running.interpret(running.members[0], answer_form(motivation=40))
    ts = running.reload()
    item = running.items()[0]
    service.reveal(running.session, ts, item)
    running.session.commit()
    login(client, running.coach)
    page = f"/sessions/{ts.id}"
    assert "Duiding van de groep vastleggen" in client.get(page).text
    data = dict(answer_form(motivation=55, duiding="Samen: regie bij de klant"))
    response = _post(client, f"{page}/stories/{item.id}/group", data, page)
    assert response.status_code == 302
    html = client.get(page).text
    assert "Samen: regie bij de klant" in html and "compare__group" in html


def test_most_significant_change_records_the_choice_per_domain_and_the_dissent(
    client, make_running
):
    from portal.models import SessionMethod

    running = make_running(method=SessionMethod.MSC)
    ts = running.reload()
    ts.domains = "Werk\nTaal"
    running.session.commit()
    login(client, running.coach)
    page = f"/sessions/{ts.id}"
    html = client.get(page).text
    assert "Domeinen van verandering: Werk, Taal" in html and "Voorstellen" in html
    item = running.items()[0]
    data = {"domain": "Werk", "chosen": "1", "why": "De grootste stap", "dissent": "Bram koos taal"}
    assert _post(client, f"{page}/stories/{item.id}/record", data, page).status_code == 302
    report = client.get(f"{page}/report").text
    assert "(Werk)" in report and "De grootste stap" in report and "Bram koos taal" in report
