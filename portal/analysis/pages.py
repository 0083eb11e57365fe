"""The analysis pages as data: which charts a request asks for, built from one scope.

The views parse nothing themselves: they hand the URL arguments, the user and a link builder to
these functions and render what comes back."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from flask_babel import gettext as _
from sqlalchemy import case, select
from sqlalchemy.orm import Session

from portal import policy
from portal.analysis import charts, pairs, periods, snapshot
from portal.analysis.aggregates import Grouping
from portal.analysis.chartkit import Chart, Context
from portal.analysis.questions import QuestionInfo, kind_questions, of_type
from portal.analysis.scope import Scope, parse_zone
from portal.models import Cycle, QuestionType, Story, StoryKind, Tag, Team, story_tags
from portal.stories.filters import StoryFilter, parse_filter

CHOICES = (QuestionType.CHOICE, QuestionType.MULTICHOICE)


@dataclass
class Options:
    """What the filter form offers: the teams and tags the user may filter on (retired tags too:
    their stories keep them), and the tags in use, the only ones offered for tagging."""

    teams: list[tuple[int, str]] = field(default_factory=list)
    tags: list[tuple[str, str]] = field(default_factory=list)
    retired_tags: frozenset[str] = frozenset()

    @property
    def active_tags(self) -> list[tuple[str, str]]:
        return [(code, label) for code, label in self.tags if code not in self.retired_tags]


@dataclass
class Page:
    kind: StoryKind | None
    filter: StoryFilter
    scope: Scope
    errors: list[str]
    questions: dict[str, QuestionInfo]
    options: Options
    charts: list[Chart] = field(default_factory=list)
    picks: dict[str, Any] = field(default_factory=dict)
    groups_note: str | None = None


def analysis_rule(user: Any) -> Any:
    return policy.analysable_stories(user)


def min_group(user: Any, setting: int) -> int | None:
    return setting if policy.hides_small_groups(user) else None


def filter_options(session: Session, user: Any, locale: str) -> Options:
    """Teams the user's charts can contain (onderzoekers: all; coaches: their teams), and tags."""
    teams = select(Team.id, Team.name).order_by(Team.name)
    if policy.hides_small_groups(user):
        teams = teams.where(Team.id.in_(sorted(user.coached_team_ids) or [0]))
    label = Tag.label_en if locale == "en" else Tag.label_nl
    tags = session.execute(select(Tag.code, label, Tag.retired_at).order_by(label)).all()
    return Options(
        teams=[(i, n) for i, n in session.execute(teams)],
        tags=[(code, text) for code, text, _retired in tags],
        retired_tags=frozenset(code for code, _text, retired in tags if retired is not None),
    )


def start(
    session: Session,
    user: Any,
    kind: StoryKind | None,
    args: Mapping[str, Any],
    locale: str,
    *,
    materialise: bool = False,
) -> Page:
    """The page's filter, scope and questions; ``materialise`` for a page of many aggregates over
    the same stories (see :mod:`snapshot`)."""
    story_filter, errors = parse_filter(args, kind)
    scope = Scope(analysis_rule(user), story_filter, parse_zone(args))
    if materialise:
        scope = snapshot.materialised(session, scope)
    questions = kind_questions(session, kind, locale) if kind else {}
    return Page(kind, story_filter, scope, errors, questions, filter_options(session, user, locale))


def _pick(
    args: Mapping[str, Any], name: str, allowed: list[str], default: str | None
) -> str | None:
    value = str(args.get(name, "") or "")
    return value if value in allowed else default


def grouping_for(
    session: Session, page: Page, args: Mapping[str, Any]
) -> tuple[Grouping | None, dict[Any, str] | None]:
    """``by=team`` (one group per team of the filter, or every team), ``by=tag``, or
    ``split=<cycle>`` (before that cycle vs from it on)."""
    by = str(args.get("by", ""))
    if by == "team":
        teams = dict(page.options.teams)
        if page.filter.teams:
            teams = {t: n for t, n in teams.items() if t in page.filter.teams}
        return Grouping(Story.team_id, regions=lambda key: {"team": key}), teams
    if by == "tag":
        tags = dict(page.options.tags)
        if page.filter.tags:
            tags = {c: n for c, n in tags.items() if c in page.filter.tags}
        grouping = Grouping(
            Tag.code,
            join=story_tags.join(Tag, Tag.id == story_tags.c.tag_id),
            onclause=story_tags.c.story_id == Story.id,
            regions=lambda key: {"tag": key},
        )
        return grouping, tags
    split = str(args.get("split", ""))
    if split.isdigit() and 1 < int(split) < 10_000:
        n = int(split)
        number = select(Cycle.number).where(Cycle.id == Story.cycle_id).scalar_subquery()
        column = case((number < n, "before"), (number >= n, "after"), else_=None)

        def regions(key: str) -> dict[str, int]:
            return {"cycle_to": n - 1} if key == "before" else {"cycle_from": n}

        labels = {
            "before": _("vóór ronde %(n)s", n=n),
            "after": _("vanaf ronde %(n)s", n=n),
        }
        return Grouping(column, regions=regions), labels
    return None, None


def framework_page(
    session: Session,
    user: Any,
    kind: StoryKind,
    args: Mapping[str, Any],
    *,
    locale: str,
    link: Callable[[Scope], str],
    chart_link: Callable[[dict[str, str]], str],
    min_group_setting: int,
) -> Page:
    """Every chart of the framework (or those picked with ``show=<key>``), a contingency table
    (``x``, ``y``: two choices), a scatter (``sx``, ``sy``: two sliders), the correlation map,
    and groups side by side (``by``/``split``)."""
    page = start(session, user, kind, args, locale, materialise=True)
    ctx = Context(session, page.scope, link, min_group(user, min_group_setting))
    q = page.questions
    getlist = getattr(args, "getlist", None)
    shown = [k for k in (getlist("show") if getlist else []) if k in q]
    grouping, groups = grouping_for(session, page, args)
    choices = [c.key for c in of_type(q, *CHOICES)]
    single = [c.key for c in of_type(q, QuestionType.CHOICE)] or choices
    sliders = [s.key for s in of_type(q, QuestionType.SLIDER)]
    page.picks = {
        "show": shown,
        "x": _pick(args, "x", choices, single[0] if single else None),
        "y": _pick(args, "y", choices, single[-1] if len(single) > 1 else None),
        "sx": _pick(args, "sx", sliders, sliders[0] if sliders else None),
        "sy": _pick(args, "sy", sliders, sliders[1] if len(sliders) > 1 else None),
        "by": str(args.get("by", "")) if groups is not None and "split" not in args else "",
        "split": str(args.get("split", "")) if groups is not None else "",
        "only": str(args.get("only", "")),
    }
    if groups is not None and not groups:
        page.groups_note = _("Er zijn geen groepen om te vergelijken.")
        grouping, groups = None, None
    only = page.picks["only"]
    for info in q.values():
        if shown and info.key not in shown:
            continue
        kind_word = "choice" if info.type in CHOICES else str(info.type)
        if only and only != f"{kind_word}:{info.key}":
            continue
        if info.type is QuestionType.TRIAD:
            page.charts.append(charts.triad_chart(ctx, info))
        elif info.type is QuestionType.SLIDER:
            page.charts.append(charts.slider_chart(ctx, info, groups, grouping))
        elif info.type in CHOICES:
            page.charts.append(charts.choice_chart(ctx, info, groups, grouping))
    x, y, sx, sy = (page.picks[k] for k in ("x", "y", "sx", "sy"))
    if x and y and x != y and (not only or only == f"contingency:{x}:{y}"):
        page.charts.append(pairs.contingency_chart(ctx, q[x], q[y]))
    if sx and sy and sx != sy and (not only or only == f"scatter:{sx}:{sy}"):
        page.charts.append(pairs.scatter_chart(ctx, q[sx], q[sy]))
    if len(sliders) > 2 and not shown and (not only or only == "correlation"):

        def scatter_link(a: str, b: str) -> str:
            return chart_link({"sx": a, "sy": b}) + f"#scatter-{a}-{b}"

        page.charts.append(pairs.correlation_chart(ctx, [q[s] for s in sliders], scatter_link))
    return page


def shared_indicators(session: Session, locale: str) -> list[QuestionInfo]:
    """Indicator keys both frameworks ask (eigen regie, intrinsic motivation): one question whose
    ids span both kinds, texts from the reflection framework."""
    reflection = kind_questions(session, StoryKind.REFLECTION, locale)
    interview = kind_questions(session, StoryKind.INTERVIEW, locale)
    shared = []
    for key, info in reflection.items():
        other = interview.get(key)
        if info.is_indicator and other is not None and other.type is info.type:
            shared.append(
                QuestionInfo(key, info.type, info.text, info.options, True, info.ids + other.ids)
            )
    return shared


def indicators_page(
    session: Session,
    user: Any,
    args: Mapping[str, Any],
    *,
    locale: str,
    link: Callable[[Scope], str],
    min_group_setting: int,
) -> Page:
    """Per shared indicator: klantmanagers' view vs statushouders' view side by side (two-sided
    Mann-Whitney U); then the trend per cycle of the reflection indicators. A coach, who analyses
    no interviews, sees the klantmanagers' side only."""
    page = start(session, user, None, args, locale, materialise=True)
    ctx = Context(session, page.scope, link, min_group(user, min_group_setting))
    kinds = policy.analysable_kinds(user)
    everyone = {StoryKind.REFLECTION: _("klantmanagers"), StoryKind.INTERVIEW: _("statushouders")}
    tellers = {kind: label for kind, label in everyone.items() if kind in kinds}
    names = {StoryKind.REFLECTION: "klantmanager", StoryKind.INTERVIEW: "statushouder"}
    grouping = Grouping(Story.kind, regions=lambda key: {"teller": names[StoryKind(key)]})
    shared = shared_indicators(session, locale)
    for info in shared:
        chart = charts.slider_chart(ctx, info, tellers, grouping)
        chart.id, chart.spec = f"indicator-{info.key}", f"indicator:{info.key}"
        page.charts.append(chart)
    if shared and tellers:
        page.charts.append(
            periods.quarter_chart(ctx, shared, tellers, lambda kind: {"teller": names[kind]})
        )
    reflection = kind_questions(session, StoryKind.REFLECTION, locale)
    indicators = [q for q in reflection.values() if q.is_indicator]
    if indicators:
        trend_ctx = Context(
            session,
            Scope(page.scope.rule, page.filter.narrowed(teller="klantmanager")),
            link,
            ctx.min_group,
        )
        page.charts.append(
            pairs.trend_chart(
                trend_ctx, indicators, _("Indicatoren per ronde (klantmanagers)"), "trend"
            )
        )
    return page
