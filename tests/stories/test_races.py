"""Races that keep both writes or tell the second why (issue 14, defect 6), with real threads and
their own database sessions, on SQLite and PostgreSQL: respondents created at the same moment get
different codes, skips of one cycle at the same moment give one skip, two tabs saving the first
answers of a story give one self-interpretation."""

from __future__ import annotations

import threading
from collections.abc import Callable

import pytest
from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError

from portal.cycles.participation import skip_cycle
from portal.cycles.schedule import ensure_cycle
from portal.interviews.respondents import create_respondent
from portal.models import (
    CycleSkip,
    Interpretation,
    InterpretationRole,
    Respondent,
    Role,
    Story,
    User,
)
from portal.stories.service import self_interpretation

THREADS = 5


def _at_once(app, work: Callable, n: int = THREADS) -> list[BaseException]:
    """Run ``work(session, i)`` in ``n`` threads that start together, each with its own session
    and its own commit; the errors they raised."""
    start, errors = threading.Barrier(n), []

    def run(i: int) -> None:
        with app.app_context(), app.extensions["db_sessionmaker"]() as session:
            start.wait()
            try:
                work(session, i)
                session.commit()
            except BaseException as error:
                session.rollback()
                errors.append(error)

    threads = [threading.Thread(target=run, args=(i,)) for i in range(n)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    return errors


def test_respondents_created_at_once_get_different_codes(app, session, make_user):
    vb = make_user(Role.VERHALENBEGELEIDER, teams=[])
    errors = _at_once(app, lambda s, i: create_respondent(s, s.get(User, vb.id)))
    assert errors == []
    codes = session.scalars(select(Respondent.code)).all()
    assert len(codes) == THREADS and len(set(codes)) == THREADS


def test_skips_of_one_cycle_at_once_give_one_skip(app, session, team, klantmanager):
    cycle = ensure_cycle(session, team, team.cycle_start)
    session.commit()
    reasons = ["vakantie", "ziek", "anders", "vakantie", "ziek"]

    def work(s, i: int) -> None:
        skip_cycle(s, s.get(User, klantmanager.id), s.get(type(cycle), cycle.id), reasons[i], "")

    assert _at_once(app, work) == []
    skips = session.scalars(select(CycleSkip)).all()
    assert len(skips) == 1 and skips[0].reason in reasons


def test_two_tabs_saving_at_once_share_one_self_interpretation(app, session, make_story):
    story = make_story(submitted=False)
    ids: list[int] = []

    def work(s, _i: int) -> None:
        ids.append(self_interpretation(s, s.get(Story, story.id), create=True).id)

    assert _at_once(app, work) == []
    count = session.scalar(
        select(func.count(Interpretation.id)).where(Interpretation.story_id == story.id)
    )
    assert count == 1 and len(set(ids)) == 1


def test_the_database_refuses_a_second_self_interpretation(session, make_story):
    story = make_story()
    for _ in range(2):
        session.add(
            Interpretation(story_id=story.id, user_id=story.author_id, role=InterpretationRole.SELF)
        )
    with pytest.raises(IntegrityError):
        session.commit()
    session.rollback()


def test_the_database_refuses_a_second_member_interpretation_of_one_person(
    session, make_story, make_user
):
    """One MEMBER reading per person and story; SESSION ones (a link per session) stay free."""
    story = make_story(submitted=True, shared_with_team=True)
    first, second = make_user(Role.KLANTMANAGER), make_user(Role.KLANTMANAGER)
    session.add_all(
        [
            Interpretation(story_id=story.id, user_id=first.id, role=InterpretationRole.MEMBER),
            Interpretation(story_id=story.id, user_id=second.id, role=InterpretationRole.MEMBER),
            Interpretation(story_id=story.id, user_id=first.id, role=InterpretationRole.SESSION),
            Interpretation(story_id=story.id, user_id=first.id, role=InterpretationRole.SESSION),
        ]
    )
    session.commit()
    session.add(Interpretation(story_id=story.id, user_id=first.id, role=InterpretationRole.MEMBER))
    with pytest.raises(IntegrityError):
        session.commit()
    session.rollback()


def test_two_tabs_saving_a_reading_at_once_keep_one_member_interpretation(
    app, session, make_story, make_user
):
    """Between sessions, one person saves their reading of a shared story from two tabs at the
    same moment: one MEMBER interpretation, holding one of the two readings, and no error."""
    from portal.stories.service import get_story
    from portal.team_sessions import readings
    from tests.fixtures.team_sessions import answer_form

    story = make_story(submitted=True, shared_with_team=True)
    reader = make_user(Role.KLANTMANAGER)
    texts = [f"Lezing {i}" for i in range(THREADS)]

    def work(s, i: int) -> None:
        form = answer_form(motivation=10 * (i + 1), duiding=texts[i])
        parsed = readings.save_reading(s, get_story(s, story.id), s.get(User, reader.id), form)
        assert not parsed.errors, parsed.errors

    assert _at_once(app, work) == []
    saved = session.scalars(
        select(Interpretation).where(
            Interpretation.story_id == story.id, Interpretation.role == InterpretationRole.MEMBER
        )
    ).all()
    assert len(saved) == 1 and saved[0].comment_md in texts
