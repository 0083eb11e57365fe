"""The access table: every route × anonymous and the five roles, the expected answer (DESIGN §2
and §8). tests/policy/test_access_matrix.py checks it; test_get_never_writes.py walks it too.

``ACCESS`` has one row per endpoint of ``app.url_map`` (``static`` aside); a route without a row
fails ``test_every_route_has_a_row``. Whoever adds a route adds a row, for example::

    "stories.show": Row(
        url=lambda c: f"/stories/{c.story(shared_with_team=True).id}",
        expect=expect(anonymous=LOGIN, default=404, klantmanager=200, coach=200),
    ),

GET is checked for every route that answers GET; a POST-only route is POSTed with a valid CSRF
token taken from a page (``token_from``). An object the user may not see answers 404, a page the
role may not use 403, and an anonymous visitor is sent to ``/login?next=<the page>``."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from urllib.parse import parse_qs, urlsplit

from portal.models import Role, Story, Team, User

ANONYMOUS = "anonymous"
ROLES = (
    Role.KLANTMANAGER,
    Role.VERHALENBEGELEIDER,
    Role.COACH,
    Role.ONDERZOEKER,
    Role.BEHEERDER,
)
ACTORS = (ANONYMOUS, *(str(role) for role in ROLES))

LOGIN = "login"  # 302 to /login?next=<the requested URL>


@dataclass(frozen=True)
class Redirect:
    """302 to exactly this Location."""

    to: str


Expected = int | str | Redirect


def expect(*, default: Expected, **by_actor: Expected) -> dict[str, Expected]:
    """The answer for each actor: ``default`` unless named (``anonymous``, a role key)."""
    unknown = set(by_actor) - set(ACTORS)
    assert not unknown, f"unknown actors {unknown}"
    return {actor: by_actor.get(actor, default) for actor in ACTORS}


@dataclass
class Ctx:
    """What a URL builder may use to make the objects its route needs."""

    session: object
    team: Team
    users: dict[str, User]
    make_user: Callable
    make_story: Callable
    make_respondent: Callable
    make_consent: Callable

    def story(self, author: str = Role.KLANTMANAGER, **kw) -> Story:
        """A submitted reflection by the role's user (``author``), in the team."""
        kw.setdefault("submitted", True)
        return self.make_story(author=self.users[author], **kw)


@dataclass(frozen=True)
class Row:
    expect: dict[str, Expected]
    url: str | Callable[[Ctx], str] | None = None  # None: the rule itself (no parameters)
    method: str = "GET"
    data: dict = field(default_factory=dict)
    token_from: str | None = None  # default: /login for anonymous, /settings when logged in


def _reached_cycle(c: Ctx):
    """The team's first cycle, stored (for routes that take a cycle id)."""
    from portal.cycles.schedule import ensure_cycle

    cycle = ensure_cycle(c.session, c.team, c.team.cycle_start)
    c.session.commit()
    return cycle


def _consenting_respondent(c: Ctx):
    """A respondent of the verhalenbegeleider whose consent holds."""
    respondent = c.make_respondent(owner=c.users[Role.VERHALENBEGELEIDER])
    c.make_consent(respondent)
    return respondent


def _prompt_question_url(c: Ctx) -> str:
    """The first of two questions in the team's own bank."""
    from portal.models import PromptQuestion

    rows = [PromptQuestion(team_id=c.team.id, position=i, text_nl=f"Vraag {i}") for i in (1, 2)]
    c.session.add_all(rows)
    c.session.commit()
    return f"/prompts/team/{c.team.id}/questions/{rows[0].id}"


def _prompt_cycle_url(c: Ctx) -> str:
    """The team's current cycle (the one a prompt can still be chosen for)."""
    from portal.cycles.schedule import cycle_number, local_today
    from portal.models import utcnow

    return f"/prompts/team/{c.team.id}/cycles/{cycle_number(c.team, local_today(c.team, utcnow()))}"


PROMPT_MANAGERS = expect(anonymous=LOGIN, default=403, coach=200, beheerder=200)
PROMPT_MANAGERS_302 = expect(anonymous=LOGIN, default=403, coach=302, beheerder=302)


def _a_framework(c: Ctx) -> int:
    """The active reflection framework."""
    from portal.frameworks.versions import current_framework
    from portal.models import StoryKind

    return current_framework(c.session, StoryKind.REFLECTION).id


ADMIN_ONLY = expect(anonymous=LOGIN, default=403, beheerder=200)
ADMIN_ONLY_302 = expect(anonymous=LOGIN, default=403, beheerder=302)


def _observation(c: Ctx) -> int:
    """An observation of the context's onderzoeker, with two interpretations."""
    from portal.analysis.observations import create_observation

    observation = create_observation(
        c.session,
        c.users["onderzoeker"],
        kind="reflection",
        chart="slider:agency",
        query="",
        title="Regie",
        text="",
        strength="medium",
        interpretations=["een", "twee"],
    )
    c.session.commit()
    return observation.id


def _tag(c: Ctx) -> int:
    """A new tag of the vocabulary."""
    from portal.models import Tag

    n = c.session.query(Tag).count()
    tag = Tag(code=f"werkgevers_{n}", label_nl=f"werkgevers {n}", label_en=f"employers {n}")
    c.session.add(tag)
    c.session.commit()
    return tag.id


ANALYSTS = expect(anonymous=LOGIN, default=403, coach=200, onderzoeker=200)
RESEARCHER_ONLY = expect(anonymous=LOGIN, default=403, onderzoeker=200)

WRITER_ONLY = expect(anonymous=LOGIN, default=403, klantmanager=200)
INTERVIEWER_ONLY = expect(anonymous=LOGIN, default=403, verhalenbegeleider=200)
RESEARCH_ONLY = expect(anonymous=LOGIN, default=403, onderzoeker=200)  # issue 13

ACCESS: dict[str, Row] = {
    # -- auth -------------------------------------------------------------------------------------
    "auth.login": Row(expect(anonymous=200, default=Redirect("/"))),
    "auth.logout": Row(expect(default=Redirect("/login")), method="POST"),
    "auth.setup": Row(expect(default=404)),  # a user exists: setup is gone, for everyone
    "auth.set_password": Row(expect(default=404), url="/password/not-a-valid-token"),
    # without a password step first there is no code step: back to the login form
    "two_factor.login_code": Row(expect(anonymous=Redirect("/login"), default=Redirect("/"))),
    "two_factor.setup": Row(expect(anonymous=LOGIN, default=200)),
    "two_factor.disable": Row(expect(anonymous=LOGIN, default=400), method="POST"),  # no code
    # -- main -------------------------------------------------------------------------------------
    "main.home": Row(expect(anonymous=LOGIN, default=200)),
    "main.healthz": Row(expect(default=200)),
    "main.language": Row(
        expect(default=Redirect("/healthz")),
        method="POST",
        data={"locale": "en", "next": "/healthz"},
    ),
    # -- settings ---------------------------------------------------------------------------------
    "settings.show": Row(expect(anonymous=LOGIN, default=200)),
    # -- stories: the writing flow (klantmanagers only; the story is the klantmanager's own) ----
    "stories.new": Row(WRITER_ONLY),
    "stories.write": Row(
        WRITER_ONLY, url=lambda c: f"/stories/{c.story(submitted=False).id}/write"
    ),
    "stories.interpret": Row(WRITER_ONLY, url=lambda c: f"/stories/{c.story().id}/interpret"),
    "stories.reflect": Row(WRITER_ONLY, url=lambda c: f"/stories/{c.story().id}/reflect"),
    "stories.check": Row(WRITER_ONLY, url=lambda c: f"/stories/{c.story().id}/check"),
    "stories.done": Row(WRITER_ONLY, url=lambda c: f"/stories/{c.story().id}/done"),
    "stories.submit": Row(
        expect(anonymous=LOGIN, default=403, klantmanager=302),
        url=lambda c: f"/stories/{c.story(title='Titel', body_md='Tekst').id}/submit",
        method="POST",
    ),
    "stories.autosave_new": Row(
        WRITER_ONLY, method="POST", data={"title": "Concept", "body_md": "Tekst"}
    ),
    "stories.autosave": Row(
        WRITER_ONLY,
        url=lambda c: f"/stories/{c.story(submitted=False).id}/autosave",
        method="POST",
        data={"title": "Concept", "body_md": "Tekst"},
    ),
    "stories.preview": Row(WRITER_ONLY, method="POST", data={"body_md": "*tekst*"}),
    "stories.mine": Row(WRITER_ONLY),
    # -- stories: one story (the policy decides; hidden objects answer 404) ----------------------
    "stories.show": Row(
        expect(anonymous=LOGIN, default=404, klantmanager=200, coach=200),
        url=lambda c: f"/stories/{c.story(shared_with_team=True).id}",
    ),
    "stories.share": Row(
        expect(anonymous=LOGIN, default=404, klantmanager=302),
        url=lambda c: f"/stories/{c.story(shared_with_team=True).id}/share",
        method="POST",
        data={"shared": "no"},
    ),
    "stories.withdraw": Row(
        expect(anonymous=LOGIN, default=404, klantmanager=200),
        url=lambda c: f"/stories/{c.story(shared_with_team=True).id}/withdraw",
    ),
    "stories.delete": Row(
        expect(anonymous=LOGIN, default=404, klantmanager=302),
        url=lambda c: f"/stories/{c.story(submitted=False).id}/delete",
        method="POST",
    ),
    # -- interviews: verhalenbegeleiders only; respondent facts also for onderzoekers -------------
    "interviews.mine": Row(INTERVIEWER_ONLY),
    "interviews.new_respondent": Row(INTERVIEWER_ONLY),
    "interviews.consent_form": Row(INTERVIEWER_ONLY),
    "interviews.new": Row(INTERVIEWER_ONLY),
    "interviews.respondent": Row(
        expect(anonymous=LOGIN, default=404, verhalenbegeleider=200, onderzoeker=200),
        url=lambda c: f"/respondents/{c.make_respondent(owner=c.users['verhalenbegeleider']).id}",
    ),
    "interviews.edit_facts": Row(  # the owner's change is saved and shown on the page again
        expect(anonymous=LOGIN, default=403, verhalenbegeleider=302),
        method="POST",
        url=lambda c: (
            f"/respondents/{c.make_respondent(owner=c.users['verhalenbegeleider']).id}/facts"
        ),
        data={"facts-age_band": "26-35", "facts-language": "ti"},
    ),
    "interviews.record_consent": Row(  # no fields posted: the owner gets the form back (400)
        expect(anonymous=LOGIN, default=403, verhalenbegeleider=400),
        method="POST",
        url=lambda c: (
            f"/respondents/{c.make_respondent(owner=c.users['verhalenbegeleider']).id}/consent"
        ),
    ),
    "interviews.confirm_withdrawal": Row(  # consent holds: its owner is asked to confirm
        expect(anonymous=LOGIN, default=403, verhalenbegeleider=200),
        url=lambda c: f"/respondents/{_consenting_respondent(c).id}/withdraw",
    ),
    "interviews.withdraw_consent": Row(
        expect(anonymous=LOGIN, default=403, verhalenbegeleider=400),
        method="POST",
        url=lambda c: (
            f"/respondents/{c.make_respondent(owner=c.users['verhalenbegeleider']).id}/withdraw"
        ),
    ),
    "interviews.show": Row(  # consent for research and sessions holds
        expect(anonymous=LOGIN, default=404, verhalenbegeleider=200, onderzoeker=200),
        url=lambda c: (
            r := c.make_respondent(owner=c.users["verhalenbegeleider"]),
            c.make_consent(r),
            f"/interviews/{c.story('verhalenbegeleider', kind='interview', respondent=r).id}",
        )[-1],
    ),
    "interviews.edit": Row(
        INTERVIEWER_ONLY,
        url=lambda c: (
            r := c.make_respondent(owner=c.users["verhalenbegeleider"]),
            c.make_consent(r),
            f"/interviews/{c.story('verhalenbegeleider', kind='interview', respondent=r, submitted=False).id}/edit",
        )[-1],
    ),
    "interviews.autosave_new": Row(  # no respondent posted: the owner's save is refused (400)
        expect(anonymous=LOGIN, default=403, verhalenbegeleider=400),
        method="POST",
        data={"title": "Concept", "body_md": "Tekst"},
    ),
    "interviews.autosave": Row(  # the owner's own draft; no respondent posted: refused (400)
        expect(anonymous=LOGIN, default=403, verhalenbegeleider=400),
        url=lambda c: (
            r := c.make_respondent(owner=c.users["verhalenbegeleider"]),
            c.make_consent(r),
            f"/interviews/{c.story('verhalenbegeleider', kind='interview', respondent=r, submitted=False).id}/autosave",
        )[-1],
        method="POST",
        data={"title": "Concept", "body_md": "Tekst"},
    ),
    # -- team -------------------------------------------------------------------------------------
    "team.stories_list": Row(expect(anonymous=LOGIN, default=403, klantmanager=200, coach=200)),
    # -- participation, skipping a cycle, the calendar feed -----------------------------------------
    "participation.grid": Row(expect(anonymous=LOGIN, default=200, verhalenbegeleider=403)),
    "participation.skip": Row(
        WRITER_ONLY,
        url=lambda c: f"/participation/skip/{_reached_cycle(c).id}",
    ),
    "calendar.feed": Row(expect(default=404), url="/calendar/not-a-known-token.ics"),
    "calendar.reset": Row(
        expect(anonymous=LOGIN, default=Redirect("/settings#calendar")), method="POST"
    ),
    # -- prompt questions: coaches of the team and beheerders ---------------------------------------
    "prompts.index": Row(PROMPT_MANAGERS),
    "prompts.team": Row(PROMPT_MANAGERS, url=lambda c: f"/prompts/team/{c.team.id}"),
    "prompts.start_bank": Row(
        PROMPT_MANAGERS_302, url=lambda c: f"/prompts/team/{c.team.id}/start", method="POST"
    ),
    "prompts.add_question": Row(
        PROMPT_MANAGERS_302,
        url=lambda c: f"/prompts/team/{c.team.id}/questions",
        method="POST",
        data={"text_nl": "Nieuwe vraag"},
    ),
    "prompts.edit_question": Row(PROMPT_MANAGERS, url=lambda c: _prompt_question_url(c)),
    "prompts.set_active": Row(
        PROMPT_MANAGERS_302,
        url=lambda c: f"{_prompt_question_url(c)}/active",
        method="POST",
        data={"active": "0"},
    ),
    "prompts.move_question": Row(
        PROMPT_MANAGERS_302,
        url=lambda c: f"{_prompt_question_url(c)}/move",
        method="POST",
        data={"direction": "down"},
    ),
    "prompts.choose_from_bank": Row(  # no question posted: the manager gets the form back (400)
        expect(anonymous=LOGIN, default=403, coach=400, beheerder=400),
        url=lambda c: f"{_prompt_cycle_url(c)}/bank",
        method="POST",
    ),
    "prompts.choose_own": Row(
        expect(anonymous=LOGIN, default=403, coach=400, beheerder=400),
        url=lambda c: f"{_prompt_cycle_url(c)}/own",
        method="POST",
    ),
    "prompts.back_to_rotation": Row(
        PROMPT_MANAGERS_302, url=lambda c: f"{_prompt_cycle_url(c)}/rotation", method="POST"
    ),
    # -- issue 16: beheer in the browser ----------------------------------------------------------
    "auth.forgot": Row(expect(default=200)),
    "pages.privacy": Row(expect(default=200)),
    "idle.ping": Row(expect(anonymous=LOGIN, default=204)),
    "pages.accessibility": Row(expect(default=200)),
    "pages.logo": Row(expect(default=404)),  # no ORGANISATION_LOGO set
    # without two-factor login on there are no recovery codes to renew: to its set-up
    "two_factor.new_recovery_codes": Row(
        expect(anonymous=LOGIN, default=Redirect("/settings/two-factor")), method="POST"
    ),
    "settings.password": Row(expect(anonymous=LOGIN, default=200)),
    "admin.users": Row(ADMIN_ONLY),
    "admin.teams": Row(ADMIN_ONLY),
    "admin.edit_team": Row(ADMIN_ONLY, url=lambda c: f"/admin/teams/{c.team.id}"),
    "admin.frameworks": Row(ADMIN_ONLY),
    "admin.show_framework": Row(ADMIN_ONLY, url=lambda c: f"/admin/frameworks/{_a_framework(c)}"),
    "admin.edit_framework": Row(  # a published version is never edited: to its page
        ADMIN_ONLY_302, url=lambda c: f"/admin/frameworks/{_a_framework(c)}/edit"
    ),
    "admin.new_version": Row(
        ADMIN_ONLY_302,
        url=lambda c: f"/admin/frameworks/{_a_framework(c)}/new-version",
        method="POST",
    ),
    "admin.activate_framework": Row(
        ADMIN_ONLY_302, url=lambda c: f"/admin/frameworks/{_a_framework(c)}/activate", method="POST"
    ),
    "admin.framework_languages": Row(
        ADMIN_ONLY, url=lambda c: f"/admin/frameworks/{_a_framework(c)}/languages"
    ),
    "admin.framework_language": Row(
        ADMIN_ONLY, url=lambda c: f"/admin/frameworks/{_a_framework(c)}/languages/ar"
    ),
    "admin.tags": Row(ADMIN_ONLY),
    "admin.edit_tag": Row(ADMIN_ONLY, url=lambda c: f"/admin/tags/{_tag(c)}"),
    "admin.retire_tag": Row(
        ADMIN_ONLY_302, url=lambda c: f"/admin/tags/{_tag(c)}/retire", method="POST"
    ),
    "admin.reactivate_tag": Row(
        ADMIN_ONLY_302, url=lambda c: f"/admin/tags/{_tag(c)}/reactivate", method="POST"
    ),
    "admin.audit": Row(expect(anonymous=LOGIN, default=403, beheerder=200, onderzoeker=200)),
    "admin.edit_user": Row(
        ADMIN_ONLY, url=lambda c: f"/admin/users/{c.users[Role.KLANTMANAGER].id}"
    ),
    "admin.send_link": Row(
        ADMIN_ONLY_302,
        url=lambda c: f"/admin/users/{c.users[Role.KLANTMANAGER].id}/link",
        method="POST",
    ),
    "admin.deactivate": Row(
        ADMIN_ONLY_302,
        url=lambda c: f"/admin/users/{c.users[Role.KLANTMANAGER].id}/deactivate",
        method="POST",
    ),
    "admin.reactivate": Row(
        ADMIN_ONLY_302,
        url=lambda c: f"/admin/users/{c.users[Role.KLANTMANAGER].id}/reactivate",
        method="POST",
    ),
    # -- analysis (issue 15): coaches and onderzoekers; patterns and observations onderzoekers --
    "analysis.index": Row(ANALYSTS),
    "analysis.reflection": Row(ANALYSTS),
    "analysis.interview": Row(RESEARCHER_ONLY),  # a coach's teams share reflections only
    "analysis.indicators": Row(ANALYSTS),
    "analysis.stories": Row(ANALYSTS, url="/analysis/stories?kind=reflection&team=1"),
    "analysis.patterns_list": Row(RESEARCHER_ONLY),
    "analysis.observations": Row(ANALYSTS),
    "analysis.new_observation": Row(RESEARCHER_ONLY),
    "analysis.create_observation": Row(  # nothing posted: the form comes back (400)
        expect(anonymous=LOGIN, default=403, onderzoeker=400), method="POST"
    ),
    "analysis.observation": Row(
        ANALYSTS, url=lambda c: f"/analysis/observations/{_observation(c)}"
    ),
    "analysis.add_interpretation": Row(  # no text: the author gets the page back (400)
        expect(anonymous=LOGIN, default=403, onderzoeker=400),
        url=lambda c: f"/analysis/observations/{_observation(c)}/interpretations",
        method="POST",
    ),
    "analysis.bring_observation": Row(  # no session chosen: the coach gets the form back (400)
        expect(anonymous=LOGIN, default=403, coach=400),
        url=lambda c: f"/analysis/observations/{_observation(c)}/sessions",
        method="POST",
        data={"reason": "Past bij het gesprek"},
    ),
    "analysis.tag_many": Row(  # nothing chosen: back to the list with a message
        expect(anonymous=LOGIN, default=403, coach=302, onderzoeker=302), method="POST"
    ),
    "analysis.tag_story": Row(  # the coach of the team tags a shared reflection; the onderzoeker
        # may not read it (its author gave no research consent)
        expect(anonymous=LOGIN, default=403, coach=302, onderzoeker=404),
        url=lambda c: f"/analysis/stories/{c.story(shared_with_team=True).id}/tags",
        method="POST",
        data={"tag": "taal"},
    ),
    # -- issue 13: export and import, onderzoekers only -------------------------------------------
    "exports.index": Row(RESEARCH_ONLY),
    "exports.download": Row(RESEARCH_ONLY, url="/export/reflection.csv"),
    "exports.codebook_page": Row(RESEARCH_ONLY),
    "exports.datapackage": Row(RESEARCH_ONLY),
    "exports.choose": Row(
        expect(anonymous=LOGIN, default=403, onderzoeker=302),
        url="/export/file?kind=interview&format=sav",
    ),
    "exports.upload": Row(RESEARCH_ONLY),
    # nothing waits for confirmation: back to the upload page with a message
    "exports.confirm": Row(expect(anonymous=LOGIN, default=403, onderzoeker=302), method="POST"),
}


def _url(app, endpoint: str, row: Row, ctx: Ctx) -> str:
    if callable(row.url):
        return row.url(ctx)
    if row.url is not None:
        return row.url
    (rule,) = [r for r in app.url_map.iter_rules() if r.endpoint == endpoint]
    assert not rule.arguments, f"{endpoint} has parameters: give its row a url"
    return rule.rule


def _check(response, expected: Expected, url: str, who: str) -> None:
    status = response.status_code
    if expected == LOGIN:
        assert status == 302, f"{who}: expected the login redirect, got {status}"
        location = urlsplit(response.headers["Location"])
        assert location.path == "/login", f"{who}: redirected to {location.geturl()}"
        assert parse_qs(location.query).get("next") == [url], f"{who}: {location.geturl()}"
    elif isinstance(expected, Redirect):
        assert status == 302, f"{who}: expected 302 to {expected.to}, got {status}"
        assert response.headers["Location"] == expected.to, who
    else:
        assert status == expected, f"{who}: expected {expected}, got {status}"


# -- team sessions (issue 17): the coach runs, participants read and interpret, onderzoekers read --


def _team_session(
    c: Ctx,
    *,
    status: str = "open",
    with_action: bool = False,
    method: str = "incident",
    proposal: bool = False,
):
    """A session of the team run by the coach, the klantmanager taking part, one shared story
    (``proposal``: most significant change, with a second story the klantmanager proposed; it is
    then ``c.session_story``)."""
    from datetime import date

    from portal.models import Role, TeamSessionAction, utcnow
    from portal.team_sessions import proposals, service

    coach = c.users[Role.COACH]
    if proposal:
        method = "msc"
    ts = service.create(
        c.session,
        coach,
        service.NewSession(c.team.id, "Intervisie", date(2026, 11, 30), method, "named"),
    )
    c.session.commit()
    ts = service.get_team_session(c.session, ts.id)
    service.set_participants(c.session, ts, [c.users[Role.KLANTMANAGER].id])
    story = c.make_story(
        author=c.make_user(Role.KLANTMANAGER), submitted=True, shared_with_team=True
    )
    item = service.add_story(c.session, coach, ts, service.load_story(c.session, story.id), "")
    if status == "open":
        service.open_session(c.session, ts, [item], now=utcnow())
    if with_action:
        c.session.add(TeamSessionAction(team_session_id=ts.id, text="Bellen"))
    if proposal:
        shared = c.make_story(
            author=c.make_user(Role.KLANTMANAGER), submitted=True, shared_with_team=True
        )
        ts = service.get_team_session(c.session, ts.id)
        item = proposals.propose(
            c.session,
            ts,
            c.users[Role.KLANTMANAGER],
            service.load_story(c.session, shared.id),
            "Een grote stap",
        )
    c.session.commit()
    c.team_session, c.session_story = ts, item  # type: ignore[attr-defined]
    return ts


def _session_url(suffix: str = "", **kw) -> Callable[[Ctx], str]:
    def build(c: Ctx) -> str:
        ts = _team_session(c, **kw)
        path = suffix.format(item=c.session_story.id) if suffix else ""  # type: ignore[attr-defined]
        return f"/sessions/{ts.id}{path}"

    return build


def _action_url(c: Ctx) -> str:
    from portal.models import TeamSessionAction

    ts = _team_session(c, with_action=True)
    action = c.session.query(TeamSessionAction).filter_by(team_session_id=ts.id).one()
    return f"/sessions/{ts.id}/actions/{action.id}/done"


def _session_observation_url(c: Ctx) -> str:
    """An observation of the onderzoeker brought into the team's open session by its coach."""
    from portal.models import Observation, TeamSessionObservation

    ts = _team_session(c)
    observation = c.session.get(Observation, _observation(c))
    item = TeamSessionObservation(
        team_session_id=ts.id, observation_id=observation.id, reason="Past erbij"
    )
    c.session.add(item)
    c.session.commit()
    return f"/sessions/{ts.id}/observations/{item.id}/remove"


def _comment_url(c: Ctx) -> str:
    """A comment of the team's klantmanager on a story the coach (also in the team) shared."""
    from portal.models import Comment, Role

    story = c.story(author=Role.COACH, shared_with_team=True)
    comment = Comment(story_id=story.id, user_id=c.users[Role.KLANTMANAGER].id, body_md="Mooi")
    c.session.add(comment)
    c.session.commit()
    return f"/stories/{story.id}/comments/{comment.id}/delete"


def _notice_url(c: Ctx) -> str:
    from portal.models import Notice, NoticeKind, Role

    notice = Notice(user_id=c.users[Role.KLANTMANAGER].id, kind=NoticeKind.STORY_DISCUSSED)
    c.session.add(notice)
    c.session.commit()
    return f"/sessions/notices/{notice.id}/read"


SESSION_READERS = expect(
    anonymous=LOGIN, default=404, klantmanager=200, coach=200, onderzoeker=200, beheerder=403
)
SESSION_RUNNER = expect(
    anonymous=LOGIN, default=403, verhalenbegeleider=404, coach=302
)  # participants and onderzoekers read but may not run it: 403; others do not know it: 404
SESSION_INTERPRET = expect(  # phase "inbreng": nobody interprets yet (409); the form is kept
    anonymous=LOGIN, default=409, verhalenbegeleider=404, beheerder=403
)
# most significant change, proposal phase: the participant's empty form comes back (400) and their
# own proposal goes (302); the coach and onderzoekers read the session but do not propose (409)
SESSION_PROPOSE = expect(anonymous=LOGIN, default=409, verhalenbegeleider=404, beheerder=403)

ACCESS.update(
    {
        "sessions.index": Row(expect(anonymous=LOGIN, default=200, beheerder=403)),
        "sessions.new": Row(expect(anonymous=LOGIN, default=403, coach=200)),
        "sessions.show": Row(SESSION_READERS, url=_session_url()),
        "sessions.state": Row(SESSION_READERS, url=_session_url("/state")),
        "sessions.report": Row(SESSION_READERS, url=_session_url("/report")),
        "sessions.participants": Row(
            SESSION_RUNNER, url=_session_url("/participants"), method="POST"
        ),
        "sessions.add_story": Row(SESSION_RUNNER, url=_session_url("/stories"), method="POST"),
        "sessions.pool": Row({**SESSION_RUNNER, "coach": 200}, url=_session_url("/pool")),
        "sessions.remove_story": Row(
            SESSION_RUNNER,
            url=_session_url("/stories/{item}/remove", status="planned"),
            method="POST",
        ),
        "sessions.open_session": Row(
            SESSION_RUNNER, url=_session_url("/open", status="planned"), method="POST"
        ),
        "sessions.phase": Row(
            SESSION_RUNNER, url=_session_url("/phase"), method="POST", data={"to": "1"}
        ),
        "sessions.current": Row(
            SESSION_RUNNER, url=_session_url("/stories/{item}/current"), method="POST"
        ),
        "sessions.reveal": Row(
            SESSION_RUNNER, url=_session_url("/stories/{item}/reveal"), method="POST"
        ),
        "sessions.interpret_story": Row(
            SESSION_INTERPRET, url=_session_url("/stories/{item}/interpret"), method="POST"
        ),
        "sessions.interpret_group": Row(  # the coach may; an empty form comes back (400)
            {**SESSION_INTERPRET, "coach": 400},
            url=_session_url("/stories/{item}/group"),
            method="POST",
        ),
        "sessions.propose": Row(
            {**SESSION_PROPOSE, "klantmanager": 400},
            url=_session_url("/proposals", method="msc"),
            method="POST",
        ),
        "sessions.withdraw_proposal": Row(
            {**SESSION_PROPOSE, "klantmanager": 302},
            url=_session_url("/proposals/{item}/withdraw", proposal=True),
            method="POST",
        ),
        "sessions.save_record": Row(
            SESSION_RUNNER, url=_session_url("/record"), method="POST", data={"insights": "x"}
        ),
        "sessions.story_record": Row(
            SESSION_RUNNER, url=_session_url("/stories/{item}/record"), method="POST"
        ),
        "sessions.add_action": Row(
            SESSION_RUNNER, url=_session_url("/actions"), method="POST", data={"text": "Bellen"}
        ),
        "sessions.action_done": Row(
            SESSION_RUNNER, url=_action_url, method="POST", data={"done": "1"}
        ),
        "sessions.close": Row(SESSION_RUNNER, url=_session_url("/close"), method="POST"),
        "sessions.remove_observation": Row(
            SESSION_RUNNER, url=_session_observation_url, method="POST"
        ),
        # between sessions: a team member interprets and comments on a shared story
        "stories.save_reading": Row(  # an empty form comes back (400); author/coach read only
            expect(anonymous=LOGIN, default=404, klantmanager=400, coach=403),
            url=lambda c: (
                f"/stories/{c.story(author=Role.COACH, shared_with_team=True).id}/reading"
            ),
            method="POST",
        ),
        "stories.add_comment": Row(
            expect(anonymous=LOGIN, default=404, klantmanager=302, coach=403),
            url=lambda c: (
                f"/stories/{c.story(author=Role.COACH, shared_with_team=True).id}/comments"
            ),
            method="POST",
            data={"body": "Herkenbaar"},
        ),
        "stories.delete_comment": Row(
            expect(anonymous=LOGIN, default=404, klantmanager=302, coach=403),
            url=_comment_url,
            method="POST",
        ),
        "sessions.notice_read": Row(
            expect(anonymous=LOGIN, default=404, klantmanager=302),
            url=_notice_url,
            method="POST",
        ),
    }
)
