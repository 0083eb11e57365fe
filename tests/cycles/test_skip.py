"""A round in which the klantmanager already wrote cannot be skipped (issue 12, defect 10)."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from portal.cycles import participation
from portal.models import CycleSkip, Role
from tests.cycles.test_participation import _team_with_cycles
from tests.helpers import login, post_form


def _skips(session) -> int:
    session.expire_all()
    return session.scalar(select(func.count(CycleSkip.id)))


def test_skipping_a_round_one_wrote_in_is_refused(session, make_team, make_user, make_story):
    team, cycles = _team_with_cycles(make_team, session, 2, "Team West")
    km = make_user(Role.KLANTMANAGER, teams=[team])
    make_story(author=km, submitted=True, written_on=cycles[1].starts_on)
    with pytest.raises(participation.SkipError):
        participation.skip_cycle(session, km, cycles[1], "vakantie", "")
    assert _skips(session) == 0


def test_the_skip_page_offers_no_skip_after_writing(
    client, session, make_team, make_user, make_story
):
    team, cycles = _team_with_cycles(make_team, session, 2, "Team West")
    km = make_user(Role.KLANTMANAGER, teams=[team])
    make_story(author=km, submitted=True, written_on=cycles[1].starts_on)
    login(client, km)
    url = f"/participation/skip/{cycles[1].id}"
    page = client.get(url)
    assert "al een verhaal geschreven" in page.text and 'name="reason"' not in page.text
    response = post_form(client, url, {"reason": "vakantie"}, token_from="/settings")
    assert response.status_code == 400
    assert _skips(session) == 0
