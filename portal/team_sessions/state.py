"""The live state of a session as one small dictionary, for the polling endpoint and its ETag.

What a person is shown depends on who they are: the coach sees who has answered, a participant
only how many and whether they did themselves. Nobody's answers are in it, ever."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass

from flask_babel import force_locale

from portal import policy
from portal.models import TeamSession, TeamSessionStory, User
from portal.team_sessions.phases import phase_of, phases


@dataclass(frozen=True)
class LiveState:
    data: dict
    etag: str


def live_state(
    team_session: TeamSession,
    stories: list[TeamSessionStory],
    current: TeamSessionStory | None,
    answered: dict[int, set[int]],
    user: User,
    *,
    record_version: str,
    locale: str,
) -> LiveState:
    runs = policy.can(user, "run", team_session)
    phase = phase_of(team_session.method, team_session.phase)
    with force_locale(locale):
        phase_title = str(phase.title)
    total = len(team_session.participants)
    data = {
        "status": team_session.status.value,
        "phase": team_session.phase,
        "phase_key": phase.key,
        "phase_title": phase_title,
        "phases": len(phases(team_session.method)),
        "story": current.id if current else None,
        "stories": [
            {
                "id": item.id,
                "revealed": item.revealed,
                "answered": len(answered.get(item.id, ())),
                "mine": user.id in answered.get(item.id, ()),
                **({"answered_by": sorted(answered.get(item.id, ()))} if runs else {}),
            }
            for item in stories
        ],
        "participants": total,
        "record": record_version,
    }
    text = json.dumps(data, sort_keys=True, separators=(",", ":"))
    return LiveState(data, '"' + hashlib.sha256(text.encode()).hexdigest()[:32] + '"')
