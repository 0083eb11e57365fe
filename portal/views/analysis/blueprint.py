"""The blueprint of this area; the route modules add their routes to it."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, current_app, url_for
from flask_babel import lazy_gettext as _l

from portal.analysis.observations import chart_endpoint
from portal.analysis.scope import Scope
from portal.analysis.statistics import TestResult
from portal.models import Observation, StoryKind

bp = Blueprint("analysis", __name__, url_prefix="/analysis")


def min_group_setting() -> int:
    return int(current_app.config.get("MIN_GROUP_SIZE", 5))


def drill_link(kind: StoryKind | None) -> Any:
    """The drill-down URL of a scope (its filter and zone, and the page's kind)."""

    def link(scope: Scope) -> str:
        return url_for("analysis.stories", kind=kind.value if kind else None, **scope.args())

    return link


def chart_url(observation: Observation) -> str:
    """The analysis page with the observation's chart and filters."""
    query = f"?{observation.query}" if observation.query else ""
    return url_for(chart_endpoint(observation)) + query


STRENGTHS = {"strong": _l("sterk"), "medium": _l("middel"), "weak": _l("zwak")}
TESTS = {
    "chi2": _l("chi-kwadraat"),
    "fisher": _l("Fishers exacte toets"),
    "spearman": _l("Spearman"),
    "mannwhitney": _l("Mann-Whitney U"),
}


@bp.app_context_processor
def _labels() -> dict[str, Any]:
    def strength_label(strength: str) -> str:
        return str(STRENGTHS.get(str(strength), strength))

    def test_label(result: TestResult) -> str:
        if not result.valid:
            return str(_l("geen geldige toets"))
        return str(TESTS.get(result.name, result.name))

    return {
        "strength_label": strength_label,
        "test_label": test_label,
        "observation_chart_url": chart_url,
    }
