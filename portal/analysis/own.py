"""A klantmanager's own patterns for their home page: where their stories lie on each triad and
their indicator sliders per cycle, over their own submitted stories only."""

from __future__ import annotations

from typing import Any

from flask_babel import gettext as _
from sqlalchemy.orm import Session

from portal import policy
from portal.analysis import charts, pairs
from portal.analysis.chartkit import Chart, Context
from portal.analysis.questions import kind_questions
from portal.analysis.scope import Scope
from portal.models import QuestionType, StoryKind
from portal.stories.filters import StoryFilter


def own_patterns(session: Session, user: Any, locale: str) -> list[Chart]:
    """The charts, without drill-down links (the stories are on "Mijn verhalen"); none while the
    klantmanager has no submitted story."""
    scope = Scope(policy.own_pattern_stories(user), StoryFilter(kind=StoryKind.REFLECTION))
    ctx = Context(session, scope, lambda _scope: "", None)
    questions = kind_questions(session, StoryKind.REFLECTION, locale)
    found = []
    for q in questions.values():
        if q.type is QuestionType.TRIAD:
            chart = charts.triad_chart(ctx, q)
            chart.id = f"own-{chart.id}"
            found.append(chart)
    indicators = [q for q in questions.values() if q.is_indicator]
    if indicators:
        found.append(
            pairs.trend_chart(ctx, indicators, _("Jouw indicatoren per ronde"), "own-trend")
        )
    if not any(chart.n for chart in found):
        return []
    for chart in found:
        chart.rows = [[cell.__class__(cell.text) for cell in row] for row in chart.rows]
    return found
