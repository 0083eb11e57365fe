"""Most significant change: every participant proposes stories with why from their own device,
withdraws their own while the proposal phase lasts, and the group selects per domain among them."""

from __future__ import annotations

import re

import pytest
from sqlalchemy import select

from portal.models import Role, SessionMethod, SessionStatus, TeamSessionStory, utcnow
from portal.team_sessions import proposals, record, service
from portal.team_sessions.proposals import ProposalError
from tests.helpers import csrf_token, login


@pytest.fixture
def msc(make_running):
    """An open most-significant-change session in the proposal phase with no story in it yet:
    the coach brought none in; ``story`` is a story the author shared with the team."""
    return make_running(method=SessionMethod.MSC, coach_story=False)


def _post(client, url, data, page):
    return client.post(url, data={**data, "csrf_token": csrf_token(client.get(page))})


def _logout(client):
    client.post("/logout", data={"csrf_token": csrf_token(client.get("/"))})


# -- the service ----------------------------------------------------------------------------------


def test_a_most_significant_change_session_opens_without_stories(msc):
    ts = msc.reload()
    assert ts.status is SessionStatus.OPEN and msc.items() == []


def test_an_incident_session_still_does_not_open_without_stories(make_running):
    running = make_running(open_it=False, coach_story=False)
    with pytest.raises(Exception, match="minstens één verhaal"):
        service.open_session(running.session, running.reload(), [], now=utcnow())


def test_a_participant_proposes_a_story_with_why(msc, make_story):
    first, second = msc.members
    own = make_story(author=first, submitted=True, shared_with_team=True, title="Mijn stap")
    item = msc.propose(first, own, "  Ze regelde zelf haar stage.  ")
    other = msc.propose(second, msc.story, "Hier nam de klant de regie.")
    assert (item.proposed_by_id, item.reason, item.position) == (
        first.id,
        "Ze regelde zelf haar stage.",
        1,
    )
    assert (other.proposed_by_id, other.position) == (second.id, 2)
    assert [i.story_id for i in msc.items()] == [own.id, msc.story.id]


def test_a_proposal_needs_a_story_and_why(msc):
    member = msc.members[0]
    ts = msc.reload()
    with pytest.raises(ProposalError) as no_story:
        proposals.propose(msc.session, ts, member, None, "Waarom")
    assert no_story.value.field == "story"
    with pytest.raises(ProposalError) as no_why:
        proposals.propose(
            msc.session, ts, member, service.load_story(msc.session, msc.story.id), " "
        )
    assert no_why.value.field == "why"
    with pytest.raises(ProposalError) as too_long:
        proposals.propose(
            msc.session, ts, member, service.load_story(msc.session, msc.story.id), "x" * 2001
        )
    assert too_long.value.field == "why"
    msc.session.rollback()
    assert msc.items() == []


def test_only_stories_the_participant_may_read_and_the_coach_could_bring_in(
    msc, make_story, make_team, make_respondent, make_consent
):
    member = msc.members[0]
    private = make_story(author=member, submitted=True, shared_with_team=False)
    draft = make_story(author=member, shared_with_team=True)
    elsewhere = make_story(
        author=member, team=make_team("Elders"), submitted=True, shared_with_team=True
    )
    consented = make_respondent(owner=msc.vb)  # the key person's own respondents
    make_consent(consented, research=False, sessions=True)
    interview = make_story("interview", author=msc.vb, respondent=consented, submitted=True)
    research_only = make_respondent(owner=msc.vb)
    make_consent(research_only, research=True, sessions=False)
    not_for_sessions = make_story(
        "interview", author=msc.vb, respondent=research_only, submitted=True
    )
    for story in (private, draft, elsewhere, interview):
        with pytest.raises(ProposalError, match="niet voorstellen") as refused:
            msc.propose(member, story)
        assert refused.value.field == "story"
        msc.session.rollback()
    with pytest.raises(ProposalError, match="niet voorstellen"):
        msc.propose(msc.vb, not_for_sessions)
    msc.session.rollback()
    # the verhalenbegeleider (key person) proposes their own interview, consent for sessions holds
    assert msc.propose(msc.vb, interview).proposed_by_id == msc.vb.id

    listed = {s.id for s in proposals.proposable(msc.session, member, msc.reload())}
    assert listed == {msc.story.id}  # not the refused ones, not what is in the session already
    assert {s.id for s in proposals.proposable(msc.session, msc.vb, msc.reload())} == set()


def test_proposing_is_refused_outside_the_proposal_phase_and_in_a_closed_session(msc):
    member = msc.members[0]
    msc.to_phase("selectie")
    with pytest.raises(ProposalError, match="fase") as refused:
        msc.propose(member, msc.story)
    assert refused.value.field is None
    msc.session.rollback()
    record.close(msc.session, msc.reload(), msc.items(), now=utcnow())
    msc.session.commit()
    with pytest.raises(ProposalError, match="gesloten"):
        msc.propose(member, msc.story)


def test_the_coach_and_people_outside_the_session_do_not_propose(msc, make_user):
    for user in (msc.coach, msc.author, make_user(Role.ONDERZOEKER, teams=[])):
        with pytest.raises(ProposalError, match="doet niet mee"):
            msc.propose(user, msc.story)
        msc.session.rollback()


def test_two_participants_proposing_one_story_give_one_proposal(msc):
    first, second = msc.members
    msc.propose(first, msc.story)
    with pytest.raises(Exception, match="zit al in de sessie"):
        msc.propose(second, msc.story)
    msc.session.rollback()
    assert len(msc.items()) == 1


def test_only_the_proposer_withdraws_and_only_in_the_proposal_phase(msc):
    first, second = msc.members
    item = msc.propose(first, msc.story)
    item = msc.items()[0]
    with pytest.raises(ProposalError, match="Alleen wie"):
        proposals.withdraw(msc.session, msc.reload(), second, item)
    with pytest.raises(ProposalError, match="Alleen wie"):
        proposals.withdraw(msc.session, msc.reload(), msc.coach, item)
    msc.to_phase("selectie")
    with pytest.raises(ProposalError, match="fase"):
        proposals.withdraw(msc.session, msc.reload(), first, msc.items()[0])
    msc.to_phase("voorstellen")
    proposals.withdraw(msc.session, msc.reload(), first, msc.items()[0])
    msc.session.commit()
    assert msc.items() == []


# -- the pages ------------------------------------------------------------------------------------


def test_a_participant_proposes_from_their_own_page_and_the_coach_sees_it(client, msc):
    member = msc.members[0]
    page = f"/sessions/{msc.team_session.id}"
    login(client, member)
    html = client.get(page).text
    assert "Een verhaal voorstellen" in html and f'value="{msc.story.id}"' in html
    assert "Nog geen voorstellen" in html
    data = {"story": str(msc.story.id), "why": "De klant koos zelf de opleiding."}
    response = _post(client, f"{page}/proposals", data, page)
    assert response.status_code == 302 and response.headers["Location"].endswith("#proposals")
    html = client.get(page).text
    assert "Jouw voorstel" in html and "Voorstel intrekken" in html
    _logout(client)

    login(client, msc.coach)
    state = client.get(f"{page}/state").json
    assert [s["id"] for s in state["stories"]] == [msc.items()[0].id]
    html = client.get(page).text
    assert "De klant koos zelf de opleiding." in html
    assert f"Voorgesteld door {member.display_name}" in html
    assert "Voorstel intrekken" not in html and "Een verhaal voorstellen" not in html


def test_a_refused_proposal_comes_back_with_its_text(client, msc):
    member = msc.members[0]
    page = f"/sessions/{msc.team_session.id}"
    login(client, member)
    why = "Een lange uitleg die niet verloren mag gaan"
    response = _post(client, f"{page}/proposals", {"story": "", "why": why}, page)
    assert response.status_code == 400
    assert why in response.text and "Kies een verhaal om voor te stellen." in response.text
    assert 'aria-invalid="true"' in response.text

    response = _post(client, f"{page}/proposals", {"story": str(msc.story.id), "why": ""}, page)
    assert response.status_code == 400
    assert re.search(rf'<option value="{msc.story.id}" selected>', response.text)

    msc.to_phase("selectie")
    data = {"story": str(msc.story.id), "why": why}
    response = _post(client, f"{page}/proposals", data, page)
    assert response.status_code == 409
    assert why in response.text and "alleen in de fase" in response.text

    record.close(msc.session, msc.reload(), msc.items(), now=utcnow())
    msc.session.commit()
    response = _post(client, f"{page}/proposals", data, page)
    assert response.status_code == 409
    assert why in response.text and "gesloten" in response.text
    assert msc.session.scalar(select(TeamSessionStory.id)) is None


def test_nonsense_in_the_proposal_form_is_a_clear_error_not_a_500(client, msc):
    page = f"/sessions/{msc.team_session.id}"
    login(client, msc.members[0])
    for story in ("abc", "-1", "0", "2147483648", "99999999999999999999", "٣", "1e3", "\x00"):
        response = _post(client, f"{page}/proposals", {"story": story, "why": "x\x00y"}, page)
        assert response.status_code == 400, story


def test_withdrawing_over_http(client, msc):
    first, second = msc.members
    msc.propose(first, msc.story)
    item = msc.items()[0]
    page = f"/sessions/{msc.team_session.id}"
    login(client, second)
    assert "Voorstel intrekken" not in client.get(page).text
    response = _post(client, f"{page}/proposals/{item.id}/withdraw", {}, page)
    assert response.status_code == 409 and "Alleen wie" in response.text
    _logout(client)
    login(client, first)
    response = _post(client, f"{page}/proposals/{item.id}/withdraw", {}, page)
    assert response.status_code == 302
    assert msc.items() == []


def test_the_group_selects_per_domain_among_the_proposals(client, msc, make_story):
    first, second = msc.members
    ts = msc.reload()
    ts.domains = "Werk\nTaal"
    msc.session.commit()
    own = make_story(author=first, submitted=True, shared_with_team=True, title="Eigen stap")
    msc.propose(first, own, "Zelf een baan gevonden")
    msc.propose(second, msc.story, "Taal als sleutel")
    msc.to_phase("selectie")
    chosen = msc.items()[0]
    login(client, msc.coach)
    page = f"/sessions/{msc.team_session.id}"
    html = client.get(page).text
    assert "Zelf een baan gevonden" in html  # the current story's why, as brought in
    assert f"Voorgesteld door {first.display_name}" in html
    # nobody places stories in this method: no answers to count, nothing to reveal
    assert "beantwoord" not in html and "Antwoorden onthullen" not in html
    data = {"domain": "Werk", "chosen": "1", "why": "De grootste stap", "dissent": "Taal telt ook"}
    assert _post(client, f"{page}/stories/{chosen.id}/record", data, page).status_code == 302
    report = client.get(f"{page}/report").text
    assert "(Werk)" in report and "De grootste stap" in report and "Taal telt ook" in report
    assert "niet onthuld" not in report
    _logout(client)
    login(client, second)
    html = client.get(page).text
    assert "Zelf een baan gevonden" in html and "wordt nog niet geduid" not in html


def test_the_coach_plans_a_proposal_session_without_stories(client, make_running):
    planned = make_running(method=SessionMethod.MSC, coach_story=False, open_it=False)
    page = f"/sessions/{planned.team_session.id}"
    login(client, planned.coach)
    assert "zonder verhalen openen" in client.get(page).text
    assert _post(client, f"{page}/open", {}, page).status_code == 302
    html = client.get(page).text
    assert "Nog geen verhalen." in html and "Kies er hieronder" not in html  # no pool link now
    assert "0 voorstellen" in html


def test_the_proposal_list_marks_the_viewers_own_stories(client, msc, make_story):
    member = msc.members[0]
    own = make_story(author=member, submitted=True, shared_with_team=True, title="Mijn eigen")
    page = f"/sessions/{msc.team_session.id}"
    login(client, member)
    html = client.get(page).text
    own_option = re.search(rf'<option value="{own.id}"[^>]*>([^<]*)</option>', html).group(1)
    other_option = re.search(rf'<option value="{msc.story.id}"[^>]*>([^<]*)</option>', html)
    assert "jouw verhaal" in own_option
    assert "jouw verhaal" not in other_option.group(1)
