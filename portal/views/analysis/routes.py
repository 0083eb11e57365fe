"""The analysis pages: charts per framework, indicators, patterns, and the drill-down list."""

from __future__ import annotations

from flask import abort, render_template, request, url_for
from flask.typing import ResponseReturnValue
from flask_login import current_user
from werkzeug.datastructures import MultiDict

from portal import policy
from portal.analysis import drilldown, pages, patterns
from portal.core.extensions import db
from portal.core.i18n import current_locale
from portal.models import StoryKind
from portal.stories.filters import filter_args
from portal.views.analysis.blueprint import bp, drill_link, min_group_setting


def _analyses_interviews() -> bool:
    """A coach's teams share reflections only: no interview charts, links or tellers for them."""
    return StoryKind.INTERVIEW in policy.analysable_kinds(current_user)


@bp.get("/")
@policy.area_required(policy.Area.ANALYSIS)
def index() -> ResponseReturnValue:
    return render_template(
        "analysis/index.html",
        research=policy.may_use(current_user, policy.Area.PATTERNS),
        interviews=_analyses_interviews(),
        min_group=pages.min_group(current_user, min_group_setting()),
    )


def _framework(kind: StoryKind) -> ResponseReturnValue:
    endpoint = f"analysis.{kind.value}"

    def chart_link(extra: dict[str, str]) -> str:
        args = MultiDict(request.args)
        for name, value in extra.items():
            args.setlist(name, [value])
        args.poplist("only")
        return url_for(endpoint, **args.to_dict(flat=False))

    page = pages.framework_page(
        db.session,
        current_user,
        kind,
        request.args,
        locale=current_locale(),
        link=drill_link(kind),
        chart_link=chart_link,
        min_group_setting=min_group_setting(),
    )
    return render_template(
        "analysis/framework.html",
        page=page,
        endpoint=endpoint,
        can_observe=policy.may_use(current_user, policy.Area.PATTERNS),
        query=request.query_string.decode("utf-8", "replace"),
    )


@bp.get("/reflection")
@policy.area_required(policy.Area.ANALYSIS)
def reflection() -> ResponseReturnValue:
    return _framework(StoryKind.REFLECTION)


@bp.get("/interview")
@policy.area_required(policy.Area.ANALYSIS)
def interview() -> ResponseReturnValue:
    if not _analyses_interviews():
        abort(403)
    return _framework(StoryKind.INTERVIEW)


@bp.get("/indicators")
@policy.area_required(policy.Area.ANALYSIS)
def indicators() -> ResponseReturnValue:
    page = pages.indicators_page(
        db.session,
        current_user,
        request.args,
        locale=current_locale(),
        link=drill_link(None),
        min_group_setting=min_group_setting(),
    )
    return render_template(
        "analysis/indicators.html",
        page=page,
        endpoint="analysis.indicators",
        interviews=_analyses_interviews(),
        can_observe=policy.may_use(current_user, policy.Area.PATTERNS),
        query=request.query_string.decode("utf-8", "replace"),
    )


@bp.get("/patterns")
@policy.area_required(policy.Area.PATTERNS)
def patterns_list() -> ResponseReturnValue:
    kind = StoryKind.INTERVIEW if request.args.get("kind") == "interview" else StoryKind.REFLECTION
    page = pages.start(
        db.session, current_user, kind, request.args, current_locale(), materialise=True
    )
    rows = patterns.all_tests(db.session, page.scope, page.questions)
    order = request.args.get("sort", "q")
    rows = patterns.sort_rows(rows, order)

    def sort_url(by: str) -> str:
        args = MultiDict(request.args)
        args.setlist("sort", [by])
        return url_for("analysis.patterns_list", **args.to_dict(flat=False))

    return render_template(
        "analysis/patterns.html", page=page, rows=rows, order=order, kind=kind, sort_url=sort_url
    )


@bp.get("/stories")
@policy.area_required(policy.Area.ANALYSIS)
def stories() -> ResponseReturnValue:
    kind = {"reflection": StoryKind.REFLECTION, "interview": StoryKind.INTERVIEW}.get(
        request.args.get("kind", "")
    )
    page = pages.start(db.session, current_user, kind, request.args, current_locale())
    result = drilldown.stories_page(
        db.session,
        page.scope,
        page=request.args.get("page", 1, type=int),
        min_group=pages.min_group(current_user, min_group_setting()),
    )
    args = MultiDict(request.args)

    def page_url(number: int) -> str:
        args.setlist("page", [str(number)])
        return url_for("analysis.stories", **args.to_dict(flat=False))

    back = f"analysis.{kind.value}" if kind else "analysis.indicators"
    return render_template(
        "analysis/stories.html",
        page=page,
        result=result,
        kind=kind,
        page_url=page_url,
        back_url=url_for(back, **filter_args(page.filter)),
        selection="; ".join(f"{k} = {', '.join(v)}" for k, v in page.scope.args().items()),
        min_group=min_group_setting(),
        cap=drilldown.COUNT_CAP,
        tags=page.options.active_tags,
        can_tag=policy.may_use(current_user, policy.Area.ANALYSIS),
    )
