"""The team session pages (issue 17) for the shared axe and reflow tests: sessions in every state
and every page of them as the people who see it (the coach, a participant, the story's author, a
colleague), each handed to ``check``. The ``team_sessions_world`` fixture (conftest.py) builds
them with ``build_world``."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from portal.models import SessionMethod, SessionStatus, User
from portal.team_sessions import record, service
from tests.browser.conftest import browser_login, switch_locale
from tests.fixtures.team_sessions import Running, answer_form
from tests.helpers import PASSWORD


@dataclass
class SessionWorld:
    """A closed session with a comparison, a record and an action; an open one in the positions
    phase; a planned one with an interview in it; an open most-significant-change session in the
    proposal phase with one proposal. One coach runs them all; ``member`` takes part in the
    closed, open and MSC ones."""

    closed: Running
    open_one: Running
    planned: Running
    msc: Running
    member: User


def build_world(session, make_running, make_story, vb, consented) -> SessionWorld:
    closed = make_running(2)
    closed.to_phase("posities")
    closed.interpret(closed.members[0], answer_form((20, 50, 30), 60, "Taal stond voorop"))
    closed.interpret(closed.members[1], answer_form((40, 40, 20), 80, "Het ging om werk"))
    ts = closed.reload()
    service.reveal(session, ts, closed.items()[0])
    record.set_themes(session, ts, ["eigen regie", "taal"])
    record.save_texts(session, ts, insights="Het team ziet meer regie.", notes="")
    record.add_action(session, ts, text="Bellen met de taalschool", owner_id=None, due_on=None)
    record.close(session, ts, closed.items(), now=ts.opened_at)
    session.commit()

    member = closed.members[0]
    open_one = make_running(2)
    service.set_participants(session, open_one.reload(), [member.id, open_one.members[0].id])
    session.commit()
    open_one.to_phase("posities")

    # between sessions: a colleague outside the session reads the closed session's story too
    from portal.stories.service import get_story
    from portal.team_sessions import readings

    reader = open_one.members[1]
    session.expire_all()
    story = get_story(session, closed.story.id)  # with its framework, as the views load it
    readings.save_reading(session, story, reader, answer_form((30, 30, 40), 50, "Eigen lezing"))
    readings.add_comment(session, story, reader, "Herkenbaar verhaal")
    session.commit()

    planned = make_running(2, open_it=False)
    interview = make_story("interview", author=vb, respondent=consented, submitted=True)
    service.add_story(
        session, planned.coach, planned.reload(), service.load_story(session, interview.id), ""
    )
    session.commit()
    assert planned.reload().status is SessionStatus.PLANNED

    msc = make_running(2, method=SessionMethod.MSC, coach_story=False)
    service.set_participants(session, msc.reload(), [member.id, *(m.id for m in msc.members)])
    session.commit()
    make_story(author=member, submitted=True, shared_with_team=True, title="Mijn eigen stap")
    msc.propose(msc.members[0], msc.story, "Hier nam de statushouder zelf de regie.")

    # one coach runs them all: one login sees every coach page
    for running in (open_one, planned, msc):
        running.reload().coach_id = closed.coach.id
        running.coach = closed.coach
    session.commit()
    return SessionWorld(closed, open_one, planned, msc, member)


def session_visits(world: SessionWorld) -> dict[str, tuple[User, list[str]]]:
    """Who visits which session pages: index, new, show (coach and participant), pool, report."""
    closed, open_one, planned, msc = (
        world.closed.team_session.id,
        world.open_one.team_session.id,
        world.planned.team_session.id,
        world.msc.team_session.id,
    )
    return {
        "coach": (
            world.closed.coach,
            [
                "/sessions",
                f"/sessions/{closed}",
                f"/sessions/{closed}/report",
                f"/sessions/{open_one}",
                "/sessions/new",
                f"/sessions/{planned}",
                f"/sessions/{planned}/pool",
                f"/sessions/{msc}",
            ],
        ),
        "participant": (
            world.member,
            [
                "/sessions",
                f"/sessions/{closed}",
                f"/sessions/{open_one}",
                f"/sessions/{msc}",
                f"/sessions/{closed}/report",
            ],
        ),
        "author": (world.closed.author, [f"/stories/{world.closed.story.id}"]),
        "colleague": (world.open_one.members[1], [f"/stories/{world.closed.story.id}"]),
    }


def visit_session_pages(
    browser,
    context_args: dict,
    base_url: str,
    world: SessionWorld,
    locale: str,
    check: Callable[[object, str], None],
) -> None:
    """Every page of ``session_visits`` in ``locale``, each person in their own browser context."""
    for who, (user, paths) in session_visits(world).items():
        context = browser.new_context(**context_args)
        try:
            page = context.new_page()
            switch_locale(page, base_url, locale)
            browser_login(page, base_url, user.email, PASSWORD)
            for path in paths:
                page.goto(f"{base_url}{path}")
                assert page.locator("html").get_attribute("lang") == locale, path
                check(page, f"{path} as {who} ({locale})")
        finally:
            context.close()
