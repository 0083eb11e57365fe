"""The comparison after the reveal, against hand-computed values, in a fixed number of statements."""

from __future__ import annotations

from portal.models import Question
from portal.team_sessions import comparison, service
from tests.fixtures.team_sessions import answer_form
from tests.helpers import count_queries


def _question_ids(session, story):
    rows = session.query(Question.key, Question.id).filter_by(framework_id=story.framework_id)
    return dict(rows.all())


def test_points_and_spread_match_hand_computed_values(running):
    running.to_phase("posities")
    # author: triad (60, 20, 20), slider 20 (conftest)
    running.interpret(
        running.members[0], answer_form(role=(20, 40, 40), motivation=40, duiding="A")
    )
    running.interpret(
        running.members[1], answer_form(role=(60, 20, 20), motivation=80, duiding="B")
    )
    item = running.items()[0]
    service.reveal(running.session, running.reload(), item)
    running.session.commit()

    result = comparison.compare(running.session, running.items())[item.id]
    ids = _question_ids(running.session, running.story)

    slider = result.spread[ids["motivation"]]
    assert slider.n == 2
    assert slider.mean_value == 60.0  # (40 + 80) / 2
    assert slider.to_author == 40.0  # (|40 − 20| + |80 − 20|) / 2
    assert slider.between == 40.0  # |40 − 80|

    triad = result.spread[ids["role_balance"]]
    assert triad.mean_shares == {"a": 40.0, "b": 30.0, "c": 30.0}
    assert triad.to_author == 20.0  # ((40 + 20 + 20) / 2 + 0) / 2
    assert triad.between == 40.0

    points = result.points[ids["role_balance"]]
    assert [p.is_author for p in points] == [True, False, False]
    assert points[0].shares == {"a": 60, "b": 20, "c": 20}
    assert sorted(text for _u, _g, text in result.duidingen) == ["A", "B"]


def test_the_group_interpretation_is_a_point_but_not_in_the_spread(running):
    running.to_phase("posities")
    running.interpret(running.members[0], answer_form(motivation=40))
    running.interpret(running.coach, answer_form(motivation=90), group=True)
    item = running.items()[0]
    result = comparison.compare(running.session, [item])[item.id]
    ids = _question_ids(running.session, running.story)
    points = result.points[ids["motivation"]]
    assert sorted((p.is_author, p.is_group, p.value) for p in points) == [
        (False, False, 40),
        (False, True, 90),
        (True, False, 20),
    ]
    assert result.spread[ids["motivation"]].n == 1


def _statements(app, running, n):
    running.to_phase("posities")
    for user in running.members[:n]:
        running.interpret(user, answer_form(motivation=10 + len(user.email) % 80))
    items = running.items()
    with count_queries(app.extensions["db_engine"]) as counter:
        comparison.compare(running.session, items)
    return counter.count


def test_the_statement_count_does_not_grow_with_participants(app, make_running):
    few = _statements(app, make_running(3), 3)
    many = _statements(app, make_running(30), 30)
    assert few == many <= 6
