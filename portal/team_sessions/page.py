"""Everything the session page shows, assembled in a fixed number of statements (the same for 3
and for 30 participants): the session, its stories, who answered, the comparison of revealed
stories, the record; for the coach also the pool and the candidates."""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy.orm import Session

from portal import policy
from portal.models import (
    SessionStatus,
    Story,
    Tag,
    TeamSession,
    TeamSessionAction,
    TeamSessionObservation,
    TeamSessionStory,
    User,
)
from portal.team_sessions import comparison, interpret, observations, proposals, record, service
from portal.team_sessions.phases import Phase, phase_of, phases


@dataclass
class SessionPage:
    team_session: TeamSession
    stories: list[TeamSessionStory]
    current: TeamSessionStory | None
    phase: Phase
    phases: tuple[Phase, ...]
    answered: dict[int, set[int]]
    comparisons: dict[int, comparison.StoryComparison]
    themes: list[Tag]
    actions: list[TeamSessionAction]
    carried: list[TeamSessionAction]
    runs: bool
    may_interpret: bool
    see_names: bool
    names: dict[int, str]
    observations: list[TeamSessionObservation] = field(default_factory=list)
    #: the observations whose page and chart the viewer may open (the rest is shown as text)
    readable_observations: frozenset[int] = frozenset()
    candidates: list[User] = field(default_factory=list)
    #: most significant change, proposal phase: what the viewer may propose, and may withdraw
    proposable: list[Story] = field(default_factory=list)
    own_proposable: set[int] = field(default_factory=set)  # of those, the viewer's own stories
    withdrawable: set[int] = field(default_factory=set)
    proposable_limit: int = proposals.LIST_LIMIT

    @property
    def interprets(self) -> bool:
        """The method has a phase in which participants place the story (most significant change
        has none: the group selects among proposals), so answers, reveal and comparison apply."""
        return any(phase.interpret for phase in self.phases)

    @property
    def record_version(self) -> str:
        return record.version(self.team_session, self.actions, self.carried, len(self.themes))


def labels(team_session: TeamSession, see_names: bool) -> dict[int, str]:
    """A name per participant, or a neutral label ("Deelnemer 2") when names are not shown."""
    from flask_babel import gettext as _

    ordered = sorted(team_session.participants, key=lambda p: p.user_id)
    if see_names:
        return {p.user_id: p.user.display_name for p in ordered}
    return {p.user_id: _("Deelnemer %(n)s", n=i) for i, p in enumerate(ordered, start=1)}


def build(
    session: Session,
    team_session: TeamSession,
    user: User,
    *,
    with_planning: bool = True,
) -> SessionPage:
    stories = service.session_stories(session, team_session)
    current = service.current_story(team_session, stories)
    revealed = [item for item in stories if item.revealed]
    runs = policy.can(user, "run", team_session)
    see_names = policy.can(user, "see_names", team_session)
    page = SessionPage(
        team_session=team_session,
        stories=stories,
        current=current,
        phase=phase_of(team_session.method, team_session.phase),
        phases=phases(team_session.method),
        answered=interpret.answered(session, stories),
        comparisons=comparison.compare(session, revealed),
        themes=record.themes(session, team_session),
        actions=record.actions(session, team_session),
        carried=record.carried_actions(session, team_session),
        runs=runs,
        may_interpret=policy.can(user, "interpret", team_session),
        see_names=see_names,
        names=labels(team_session, see_names),
        observations=observations.session_observations(session, team_session),
    )
    page.readable_observations = frozenset(
        item.observation_id
        for item in page.observations
        if policy.can(user, "read", item.observation)
    )
    if runs and with_planning and team_session.status is not SessionStatus.CLOSED:
        page.candidates = service.candidates(session, team_session)
    if with_planning and proposals.takes_proposals(team_session):
        page.withdrawable = proposals.withdrawable(team_session, stories, user)
        if page.may_interpret:
            page.proposable = proposals.proposable(session, user, team_session)
            page.own_proposable = {s.id for s in page.proposable if s.author_id == user.id}
    return page
