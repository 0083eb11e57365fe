"""Planning and running a session without HTTP: phases, interpreting, reveal, refusals."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import func, select

from portal.models import (
    Interpretation,
    InterpretationRole,
    Role,
    SessionStatus,
    TeamSessionInterpretation,
    utcnow,
)
from portal.team_sessions import interpret, service
from portal.team_sessions.service import NewSession, TeamSessionError
from tests.fixtures.team_sessions import answer_form


def test_opening_a_session_without_stories_is_refused(session, team, make_user):
    coach = make_user(Role.COACH)
    km = make_user(Role.KLANTMANAGER)
    ts = service.create(
        session, coach, NewSession(team.id, "Leeg", date(2026, 12, 1), "incident", "named")
    )
    service.set_participants(session, ts, [km.id])
    with pytest.raises(TeamSessionError, match="minstens één verhaal"):
        service.open_session(session, ts, [], now=utcnow())
    assert ts.status is SessionStatus.PLANNED


def test_a_coach_cannot_plan_for_a_team_they_do_not_coach(session, make_team, make_user):
    coach = make_user(Role.COACH)
    other = make_team("Elders")
    with pytest.raises(TeamSessionError):
        service.create(
            session, coach, NewSession(other.id, "X", date(2026, 12, 1), "incident", "named")
        )


def test_adding_a_story_the_coach_may_not_use_is_refused(running, make_story, make_team):
    private = make_story(author=running.author, submitted=True, shared_with_team=False)
    ts = running.reload()
    with pytest.raises(TeamSessionError, match="niet in deze sessie"):
        service.add_story(
            running.session, running.coach, ts, service.load_story(running.session, private.id), ""
        )


def test_a_participant_who_is_not_in_the_team_or_a_key_person_is_refused(running, make_user):
    outsider = make_user(Role.KLANTMANAGER, teams=[])
    with pytest.raises(TeamSessionError):
        service.set_participants(running.session, running.reload(), [outsider.id])


def test_phases_move_only_within_the_method(running):
    running.to_phase("posities")
    assert running.reload().phase == 2
    with pytest.raises(TeamSessionError):
        service.move_phase(running.session, running.reload(), 6)
    with pytest.raises(TeamSessionError):
        service.move_phase(running.session, running.reload(), -1)


def test_interpreting_outside_the_positions_phase_is_refused(running):
    with pytest.raises(TeamSessionError, match="fase"):
        running.interpret(running.members[0], answer_form())


def test_saving_twice_keeps_one_interpretation_updated(running):
    running.to_phase("posities")
    member = running.members[0]
    assert not running.interpret(member, answer_form(motivation=30, duiding="eerst")).errors
    assert not running.interpret(member, answer_form(motivation=70, duiding="later")).errors
    links = running.session.scalars(select(TeamSessionInterpretation)).all()
    assert len(links) == 1
    interpretation = running.session.get(Interpretation, links[0].interpretation_id)
    assert interpretation.role is InterpretationRole.SESSION
    assert interpretation.comment_md == "later"
    values, duiding = interpret.own_values(running.session, running.items()[0], member)
    assert values["motivation"].value == 70 and duiding == "later"


def test_two_participants_are_both_kept_and_the_coach_sees_who_not_what(running):
    running.to_phase("posities")
    running.interpret(running.members[0], answer_form(motivation=40))
    running.interpret(running.vb, answer_form(motivation=80))
    answered = interpret.answered(running.session, running.items())
    assert answered == {running.items()[0].id: {running.members[0].id, running.vb.id}}


def test_a_session_interpretation_is_not_the_self_interpretation(running):
    """SESSION interpretations sit beside the author's SELF one (the unique SELF constraint)."""
    running.to_phase("posities")
    running.interpret(running.members[0], answer_form())
    roles = dict(
        running.session.execute(
            select(Interpretation.role, func.count()).group_by(Interpretation.role)
        ).all()
    )
    assert roles == {InterpretationRole.SELF: 1, InterpretationRole.SESSION: 1}


def test_interpreting_in_a_closed_session_or_after_removal_is_refused(running):
    from portal.team_sessions import record

    running.to_phase("posities")
    member = running.members[0]
    service.set_participants(running.session, running.reload(), [running.vb.id])
    running.session.commit()
    with pytest.raises(TeamSessionError, match="niet \\(meer\\)"):
        running.interpret(member, answer_form())
    record.close(running.session, running.reload(), running.items(), now=utcnow())
    running.session.commit()
    with pytest.raises(TeamSessionError):
        running.interpret(running.vb, answer_form())


def test_after_the_reveal_a_participant_can_no_longer_change_their_answer(running):
    running.to_phase("posities")
    running.interpret(running.members[0], answer_form())
    service.reveal(running.session, running.reload(), running.items()[0])
    running.session.commit()
    with pytest.raises(TeamSessionError, match="onthuld"):
        running.interpret(running.members[0], answer_form(motivation=99))


def test_an_invalid_form_stores_nothing(running):
    running.to_phase("posities")
    bad = answer_form(role=(50, 20, 20))
    parsed = running.interpret(running.members[0], bad)
    assert "role_balance" in parsed.errors
    assert running.session.scalar(select(func.count(TeamSessionInterpretation.id))) == 0


def test_an_interview_whose_consent_is_withdrawn_leaves_the_session(
    running, vb, consented, make_story
):
    interview = make_story("interview", author=vb, respondent=consented, submitted=True)
    ts = running.reload()
    service.add_story(
        running.session, running.coach, ts, service.load_story(running.session, interview.id), ""
    )
    running.session.commit()
    assert len(running.items()) == 2
    from sqlalchemy import update

    from portal.models import Consent

    running.session.execute(update(Consent).values(withdrawn_on=date(2026, 11, 30)))
    running.session.commit()
    assert [i.story_id for i in running.items()] == [running.story.id]
