"""The command line: init, users create, teams create, demo."""

from __future__ import annotations

import os
import re
import subprocess
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from portal import create_app
from portal.models import Cycle, CycleSkip, Framework, Role, Story, StoryKind, Team, User
from tests.helpers import PASSWORD

DEMO_KLANTMANAGERS = [f"km{i}@demo.example" for i in range(1, 9)]
DEMO_EMAILS = [
    *DEMO_KLANTMANAGERS,
    "coach@demo.example",
    "vb1@demo.example",
    "vb2@demo.example",
    "onderzoeker@demo.example",
    "beheer@demo.example",
]


def _user(session: Session, email: str) -> User | None:
    session.expire_all()
    return session.scalar(select(User).where(User.email == email))


def _count(session: Session, model, *where) -> int:
    return session.scalar(select(func.count()).select_from(model).where(*where))


def _create_user(runner, *args: str, password: str | None = PASSWORD):
    stdin = "" if password is None else password + "\n"
    return runner.invoke(args=["users", "create", *args], input=stdin)


def _invoke(app, runner, *args: str):
    # ``init`` and ``demo`` are plain click commands: ``flask`` pushes the app context for them,
    # the test runner does not.
    with app.app_context():
        return runner.invoke(args=list(args))


# -- init ------------------------------------------------------------------------------------


def test_init_on_a_fresh_database_twice(tmp_path):
    fresh = create_app(
        {
            "TESTING": True,
            "SECRET_KEY": "x",
            "SQLALCHEMY_DATABASE_URI": "sqlite:///" + str(tmp_path / "fresh.sqlite3"),
        }
    )
    engine = fresh.extensions["db_engine"]
    try:
        runner = fresh.test_cli_runner()
        first = _invoke(fresh, runner, "init")
        assert first.exit_code == 0, first.output
        added = int(re.search(r"(\d+) default framework", first.output).group(1))
        assert added > 0
        with Session(engine) as session:
            count = _count(session, Framework)
        assert count == added

        second = _invoke(fresh, runner, "init")
        assert second.exit_code == 0, second.output
        assert "0 default framework(s) added" in second.output
        with Session(engine) as session:
            assert _count(session, Framework) == count
    finally:
        engine.dispose()


def test_init_on_the_existing_database_adds_nothing(app, runner, session):
    before = _count(session, Framework)
    for _ in range(2):
        result = _invoke(app, runner, "init")
        assert result.exit_code == 0, result.output
        assert "0 default framework(s) added" in result.output
    assert _count(session, Framework) == before


# -- users create ----------------------------------------------------------------------------


def test_users_create_with_password_roles_and_team(runner, session, team):
    result = _create_user(
        runner,
        "Nieuw.Lid@Test.Example",
        "--name",
        "Nieuw Lid",
        "--role",
        "klantmanager",
        "--role",
        "coach",
        "--team",
        "team noord",
    )
    assert result.exit_code == 0, result.output
    assert "nieuw.lid@test.example" in result.output
    assert "Set-password link" not in result.output
    user = _user(session, "nieuw.lid@test.example")
    assert user is not None
    assert user.display_name == "Nieuw Lid"
    assert user.roles == {Role.KLANTMANAGER, Role.COACH}
    assert user.check_password(PASSWORD)
    assert [t.name for t in user.teams] == ["Team Noord"]
    assert [t.name for t in user.coached_teams] == ["Team Noord"]


def test_users_create_in_two_teams(runner, session, team, make_team):
    make_team("Team Zuid")
    result = _create_user(
        runner,
        "twee@test.example",
        "--name",
        "Twee Teams",
        "--role",
        "klantmanager",
        "--team",
        "Team Noord",
        "--team",
        "Team Zuid",
    )
    assert result.exit_code == 0, result.output
    user = _user(session, "twee@test.example")
    assert sorted(t.name for t in user.teams) == ["Team Noord", "Team Zuid"]
    assert user.coached_teams == []


def test_users_create_without_password_prints_a_working_link(runner, session, client):
    result = _create_user(
        runner, "link@test.example", "--name", "Link", "--role", "beheerder", password=None
    )
    assert result.exit_code == 0, result.output
    match = re.search(r"Set-password link.*?: (\S+)", result.output)
    assert match, result.output
    url = urlsplit(match.group(1))
    assert f"{url.scheme}://{url.netloc}" == "http://portal.test"
    user = _user(session, "link@test.example")
    assert user.password_hash is None
    assert client.get(url.path).status_code == 200


def test_users_create_refuses_a_duplicate_email(runner, session, klantmanager):
    result = _create_user(
        runner, klantmanager.email.upper(), "--name", "Dubbel", "--role", "klantmanager"
    )
    assert result.exit_code != 0
    assert klantmanager.email in result.output
    assert "already" in result.output.lower() or "al een account" in result.output
    assert "Traceback" not in result.output
    assert _count(session, User, User.email == klantmanager.email) == 1


def test_users_create_refuses_an_unknown_role(runner, session):
    result = _create_user(runner, "rol@test.example", "--name", "Rol", "--role", "koning")
    assert result.exit_code != 0
    assert "koning" in result.output
    assert _user(session, "rol@test.example") is None


def test_users_create_needs_a_role(runner, session):
    result = _create_user(runner, "geenrol@test.example", "--name", "Geen Rol")
    assert result.exit_code != 0
    assert "--role" in result.output
    assert _user(session, "geenrol@test.example") is None


def test_users_create_refuses_an_unknown_team(runner, session, team):
    result = _create_user(
        runner,
        "team@test.example",
        "--name",
        "Team",
        "--role",
        "klantmanager",
        "--team",
        "Team Nergens",
    )
    assert result.exit_code != 0
    assert "No team named 'Team Nergens'" in result.output
    assert _user(session, "team@test.example") is None


@pytest.mark.parametrize("email", ["geen-adres", "twee@@test.example", "spatie in@test.example"])
def test_users_create_refuses_an_invalid_email(runner, session, email):
    result = _create_user(runner, email, "--name", "X", "--role", "klantmanager")
    assert result.exit_code != 0
    assert _count(session, User) == 0


def test_users_create_refuses_a_short_password(runner, session):
    result = _create_user(
        runner, "kort@test.example", "--name", "Kort", "--role", "klantmanager", password="kort"
    )
    assert result.exit_code != 0
    assert "12 characters" in result.output
    assert _user(session, "kort@test.example") is None


# -- teams create ----------------------------------------------------------------------------


def test_teams_create(runner, session):
    result = runner.invoke(
        args=["teams", "create", "Team Oost", "--start", "2026-02-02", "--length", "21"]
    )
    assert result.exit_code == 0, result.output
    team = session.scalar(select(Team).where(Team.name == "Team Oost"))
    assert team is not None
    assert team.cycle_length_days == 21
    assert team.cycle_start.isoformat() == "2026-02-02"


@pytest.mark.parametrize("length", ["0", "-1", "-14"])
def test_teams_create_refuses_a_length_below_one_day(runner, session, length):
    result = runner.invoke(args=["teams", "create", "Team Kort", f"--length={length}"])
    assert result.exit_code != 0
    assert "1 day" in result.output or "1 dag" in result.output, result.output
    assert "Traceback" not in result.output
    assert _count(session, Team, Team.name == "Team Kort") == 0


@pytest.mark.parametrize("name", ["Team Noord", "team noord", "  Team Noord  "])
def test_teams_create_refuses_a_duplicate_name(runner, session, team, name):
    result = runner.invoke(args=["teams", "create", name])
    assert result.exit_code != 0
    assert "team noord" in result.output.lower()
    assert _count(session, Team, func.lower(Team.name) == "team noord") == 1


def test_teams_create_refuses_a_bad_date(runner, session):
    result = runner.invoke(args=["teams", "create", "Team Datum", "--start", "31-12-2026"])
    assert result.exit_code != 0
    assert _count(session, Team, Team.name == "Team Datum") == 0


# -- demo ------------------------------------------------------------------------------------


def _demo_state(session: Session) -> tuple[int, list[str]]:
    session.expire_all()
    teams = _count(session, Team, Team.name == "Demoteam")
    emails = sorted(session.scalars(select(User.email).where(User.email.like("%@demo.example"))))
    return teams, emails


def test_demo_twice_creates_the_team_and_accounts_once(app, runner, session):
    first = _invoke(app, runner, "demo", "--password", "demo-wachtwoord")
    assert first.exit_code == 0, first.output
    assert _demo_state(session) == (1, sorted(DEMO_EMAILS))

    second = _invoke(app, runner, "demo", "--password", "demo-wachtwoord")
    assert second.exit_code == 0, second.output
    assert "already" in second.output
    assert _demo_state(session) == (1, sorted(DEMO_EMAILS))
    assert _count(session, User) == len(DEMO_EMAILS)


def test_demo_accounts_have_their_roles_teams_and_password(app, runner, session):
    result = _invoke(app, runner, "demo", "--password", "demo-wachtwoord")
    assert result.exit_code == 0, result.output
    demoteam = session.scalar(select(Team).where(Team.name == "Demoteam"))
    expected_roles = {
        **{email: {Role.KLANTMANAGER} for email in DEMO_KLANTMANAGERS},
        "coach@demo.example": {Role.COACH},
        "vb1@demo.example": {Role.VERHALENBEGELEIDER},
        "vb2@demo.example": {Role.VERHALENBEGELEIDER},
        "onderzoeker@demo.example": {Role.ONDERZOEKER},
        "beheer@demo.example": {Role.BEHEERDER},
    }
    for email, roles in expected_roles.items():
        user = _user(session, email)
        assert roles <= user.roles, (email, user.roles)
        assert user.check_password("demo-wachtwoord"), email
        in_team = email in DEMO_KLANTMANAGERS or email == "coach@demo.example"
        assert (demoteam in user.teams) is in_team, email
    coach = _user(session, "coach@demo.example")
    assert demoteam in coach.coached_teams


def test_demo_skips_some_rounds_once_and_writes_no_story_in_them(app, runner, session):

    first = _invoke(app, runner, "demo", "--password", "demo-wachtwoord", "--stories", "120")
    assert first.exit_code == 0, first.output
    assert "Recorded 3 skipped rounds." in first.output
    again = _invoke(app, runner, "demo", "--password", "demo-wachtwoord", "--stories", "40")
    assert again.exit_code == 0 and "skipped rounds" not in again.output
    skips = session.execute(
        select(User.email, Cycle.number, CycleSkip.reason, CycleSkip.user_id, CycleSkip.cycle_id)
        .join(User, User.id == CycleSkip.user_id)
        .join(Cycle, Cycle.id == CycleSkip.cycle_id)
        .order_by(Cycle.number)
    ).all()
    assert [(email, number, reason) for email, number, reason, *_ in skips] == [
        ("km3@demo.example", 2, "vakantie"),
        ("km6@demo.example", 4, "ziek"),
        ("km8@demo.example", 6, "anders"),
    ]
    for *_, user_id, cycle_id in skips:
        written = select(func.count(Story.id)).where(
            Story.author_id == user_id, Story.cycle_id == cycle_id
        )
        assert session.scalar(written) == 0
    reflections = select(func.count(Story.id)).where(Story.kind == StoryKind.REFLECTION)
    assert session.scalar(reflections) == 160


def test_demo_refuses_a_password_that_breaks_the_password_rule(app, runner, session):
    result = _invoke(app, runner, "demo", "--password", "kort")
    assert result.exit_code != 0
    assert "at least 12 characters" in result.output
    assert _demo_state(session) == (0, [])


def test_demo_fills_a_new_team_with_a_realistic_number_of_stories_once(app, runner, session):
    first = _invoke(app, runner, "demo", "--password", "demo-wachtwoord")
    assert first.exit_code == 0, first.output
    reflections = select(func.count(Story.id)).where(Story.kind == StoryKind.REFLECTION)
    assert session.scalar(reflections) == 300
    written_rounds = select(func.count(func.distinct(Story.cycle_id))).where(
        Story.kind == StoryKind.REFLECTION
    )
    demoteam = session.scalar(select(Team).where(Team.name == "Demoteam"))
    reached = session.scalar(select(func.count(Cycle.id)).where(Cycle.team_id == demoteam.id))
    assert session.scalar(written_rounds) == reached >= 6  # every round has stories
    again = _invoke(app, runner, "demo", "--password", "demo-wachtwoord")
    assert again.exit_code == 0, again.output
    session.expire_all()
    assert session.scalar(reflections) == 300


@pytest.mark.parametrize(
    ("args", "env", "expected"),
    [
        (["PORT=8080"], {}, "http://127.0.0.1:8080"),
        (["HOST=0.0.0.0", "PORT=8081"], {}, "http://127.0.0.1:8081"),
        (
            ["PORT=8080"],
            {"PORTAL_BASE_URL": "https://reflectie.example.nl"},
            "https://reflectie.example.nl",
        ),
    ],
)
def test_make_run_links_follow_its_host_and_port(args, env, expected):
    """The set-password links and calendar feed of `make run` point where it serves."""
    show = "show-base-url: ; @echo $(PORTAL_BASE_URL)"
    environ = {k: v for k, v in os.environ.items() if k != "PORTAL_BASE_URL"} | env
    result = subprocess.run(
        ["make", "-s", "--eval", show, "show-base-url", *args],
        cwd=Path(__file__).resolve().parents[2],
        capture_output=True,
        text=True,
        env=environ,
        timeout=60,
    )
    assert result.stdout.strip() == expected, result.stderr
