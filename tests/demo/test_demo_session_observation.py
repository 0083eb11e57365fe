"""The demo (DESIGN §8): its planned team session holds the demo observation, brought in by the
coach; running the demo again brings it in no second time."""

from __future__ import annotations

from sqlalchemy import select

from portal.models import Observation, SessionStatus, TeamSession, TeamSessionObservation, User


def _demo(app, runner):
    with app.app_context():
        result = runner.invoke(args=["demo", "--password", "demo-wachtwoord", "--stories", "24"])
    assert result.exit_code == 0, result.output


def test_the_planned_demo_session_has_the_demo_observation_once(app, runner, session):
    _demo(app, runner)
    _demo(app, runner)
    session.expire_all()
    rows = session.execute(
        select(TeamSession, TeamSessionObservation, Observation)
        .join(TeamSessionObservation, TeamSessionObservation.team_session_id == TeamSession.id)
        .join(Observation, Observation.id == TeamSessionObservation.observation_id)
    ).all()
    assert len(rows) == 1
    team_session, item, observation = rows[0]
    assert team_session.status is SessionStatus.PLANNED
    coach = session.scalar(select(User).where(User.email == "coach@demo.example"))
    assert item.added_by_id == coach.id and item.reason
    assert observation.title.startswith("Wie de regie heeft")
