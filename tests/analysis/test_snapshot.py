"""An analysis page's scope selected once into a temporary table: the same stories as its WHERE
clause, again and again in one transaction, and nothing left that a later page could read."""

from __future__ import annotations

from sqlalchemy import select

from portal.analysis import snapshot
from portal.analysis.pages import analysis_rule
from portal.analysis.scope import Scope
from portal.models import Role, Story
from portal.stories.filters import StoryFilter


def _ids(session, scope: Scope) -> set[int]:
    return set(session.scalars(select(Story.id).where(scope.where)))


def test_the_table_holds_the_stories_of_the_where_clause(
    session, answered, researcher, make_user, consenting
):
    counted = {answered(agency=v).id for v in (10, 60, 90)}
    answered(author=make_user(Role.KLANTMANAGER), agency=50)  # no research consent
    answered(agency=70, submitted=False)  # a draft
    scope = Scope(analysis_rule(researcher), StoryFilter())
    assert _ids(session, scope) == counted
    first = snapshot.materialised(session, scope)
    assert _ids(session, first) == counted
    narrowed = snapshot.materialised(
        session, Scope(scope.rule, StoryFilter(ranges=(("agency", 0, 59),)))
    )
    assert _ids(session, narrowed) == {min(counted)}  # a second page in the same transaction
    assert first.narrowed(team=1).stories is None  # a drill-down region counts by its WHERE
    session.rollback()


def test_the_next_transaction_sees_the_current_data(session, answered, researcher, consenting):
    story = answered(agency=40)
    scope = Scope(analysis_rule(researcher), StoryFilter())
    assert _ids(session, snapshot.materialised(session, scope)) == {story.id}
    session.rollback()
    consenting.research_consent = False
    session.commit()
    assert _ids(session, snapshot.materialised(session, scope)) == set()
    session.rollback()
